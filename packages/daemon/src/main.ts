// svctld entry point: argv/env → settings → daemon. The only place in the daemon that exits the process.
import { parseArgs } from 'node:util';
import { SETTINGS, SETTING_KEYS, SVCTL_VERSION, SvctlError, type SettingKey } from '@svctl/protocol';
import { bootDaemon, reportStartFailure } from './boot-daemon.js';

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
  const { settings: values, log, daemon } = await bootDaemon(flags, () => process.exit(1));
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      daemon.shutdown(`received ${signal}`).catch((error: unknown) => log.logger.error({ err: error }, 'shutdown failed'));
    });
  }
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

main(process.argv.slice(2))
  .catch((error: unknown) => reportStartFailure('svctld', error))
  .then((code) => process.exit(code), () => process.exit(1));
