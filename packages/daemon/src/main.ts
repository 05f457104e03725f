// svctld entry point: argv/env → settings → daemon. The only place in the daemon that exits the process.
import { parseArgs } from 'node:util';
import {
  isSvctlError,
  readConfigFileIfExists, resolveSettings, SETTINGS, SETTING_KEYS, SVCTL_VERSION, SvctlError, toWireError, type SettingKey } from '@svctl/protocol';
import { startDaemon } from './daemon.js';
import { openDaemonLog } from './runtime/logger.js';
import { prepareHome } from './runtime/home.js';

const USAGE = `usage: svctld [options]

Runs the svctl daemon in the foreground (for systemd); \`svctl\` starts it in the background on demand.

options:
${SETTING_KEYS.filter((key) => SETTINGS[key].scope !== 'cli')
  .map((key) => `  --${SETTINGS[key].flag.padEnd(22)} ${SETTINGS[key].description} [env ${SETTINGS[key].env}]`)
  .join('\n')}
  --help                   show this help
  --version                print the version`;

// Exit codes: 0 stopped cleanly, 1 failed (including another daemon already running), 2 bad settings or usage.
async function main(argv: string[]): Promise<number> {
  const flags = parseFlags(argv);
  if (flags === 'help') return print(USAGE);
  if (flags === 'version') return print(SVCTL_VERSION);
  const { values } = resolveSettings({ flags, env: process.env, readFile: readConfigFileIfExists });
  prepareHome(values.home);
  const log = openDaemonLog({ home: values.home, level: values.log_level, maxSize: values.daemon_log_max_size, maxFiles: values.daemon_log_max_files });
  // Fatal errors are written synchronously: the queued log lines would die with the process.
  process.on('uncaughtException', (error) => {
    log.writeNow('fatal', error, 'uncaught exception; the daemon exits');
    process.exit(1);
  });
  // Not fatal: exiting would orphan every app over one forgotten promise. Still written at once.
  process.on('unhandledRejection', (error) => log.writeNow('error', error, 'unhandled rejection; the daemon keeps running'));
  let daemon;
  try {
    daemon = await startDaemon(values, log.logger);
  } catch (error) {
    log.writeNow('fatal', error, 'the daemon failed to start');
    throw error;
  }
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      daemon.shutdown(`received ${signal}`).catch((error: unknown) => log.logger.error({ err: error }, 'shutdown failed'));
    });
  }
  process.on('SIGHUP', () => {
    try {
      daemon.reloadTls();
    } catch (error) {
      log.logger.error({ err: error }, 'the gateway certificate was not reloaded; the previous one stays in use');
    }
  });
  // Started by the CLI: report readiness over IPC, then let go of the channel.
  if (process.send !== undefined) {
    // The CLI may have given up waiting (e.g. crash recovery stopping slow leftovers took > 10 s):
    // a send on the closed channel would be an uncaught error, so only a listening parent is told.
    if (process.connected) {
      process.send({ type: 'ready', pid: process.pid });
      process.disconnect();
    }
  } else {
    process.stdout.write(`svctld ${SVCTL_VERSION} ready (pid ${process.pid}, home ${values.home})\n`);
  }
  await daemon.stopped;
  await log.close();
  return 0;
}

function parseFlags(argv: string[]): Partial<Record<SettingKey, unknown>> | 'help' | 'version' {
  const options = Object.fromEntries(
    SETTING_KEYS.filter((key) => SETTINGS[key].scope !== 'cli').map((key) => [SETTINGS[key].flag, { type: SETTINGS[key].schema.type === 'boolean' ? ('boolean' as const) : ('string' as const) }]),
  );
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean' }, version: { type: 'boolean' } }, strict: true });
  } catch (error) {
    throw new SvctlError('USAGE', (error as Error).message, { hint: 'svctld --help lists the options' });
  }
  if (parsed.values.help === true) return 'help';
  if (parsed.values.version === true) return 'version';
  const flags: Partial<Record<SettingKey, unknown>> = {};
  for (const key of SETTING_KEYS) {
    const value = (parsed.values as Record<string, unknown>)[SETTINGS[key].flag];
    if (value !== undefined) flags[key] = value;
  }
  return flags;
}


function print(text: string): number {
  process.stdout.write(`${text}\n`);
  return 0;
}

async function report(error: unknown): Promise<number> {
  const known = isSvctlError(error) ? error : new SvctlError('DAEMON_START_FAILED', (error as Error)?.message ?? String(error));
  process.stderr.write(`svctld: ${known.message}\n${known.hint === undefined ? '' : `hint: ${known.hint}\n`}`);
  const send = process.send?.bind(process);
  if (send !== undefined) await new Promise((resolve) => send({ type: 'failed', error: toWireError(known) }, undefined, {}, resolve));
  return known.code === 'CONFIG_INVALID' || known.code === 'USAGE' ? 2 : 1;
}

main(process.argv.slice(2))
  .catch(report)
  .then((code) => process.exit(code), () => process.exit(1));
