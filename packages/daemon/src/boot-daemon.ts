// What svctld and svctl-runtime share before they serve: settings → home → daemon log → running daemon
// (SIGHUP reloads the gateway's certificate), and how a failed start is reported. Exiting stays with the entry points (main.ts, runtime-main.ts).
import { isSvctlError, readConfigFileIfExists, resolveSettings, SvctlError, toWireError, type SettingKey, type Settings } from '@svctl/protocol';
import { startDaemon, type RunningDaemon } from './daemon.js';
import { prepareHome } from './runtime/home.js';
import { openDaemonLog, type DaemonLog } from './runtime/logger.js';

export interface BootedDaemon {
  settings: Settings;
  log: DaemonLog;
  daemon: RunningDaemon;
}

/** `onFatal` is called after an uncaught exception was written to the daemon log; it should exit. */
export async function bootDaemon(flags: Partial<Record<SettingKey, unknown>>, onFatal: () => void): Promise<BootedDaemon> {
  const { values } = resolveSettings({ flags, env: process.env, readFile: readConfigFileIfExists });
  prepareHome(values.home);
  const log = openDaemonLog({ home: values.home, level: values.log_level, maxSize: values.daemon_log_max_size, maxFiles: values.daemon_log_max_files });
  // Fatal errors are written synchronously: the queued log lines would die with the process.
  process.on('uncaughtException', (error) => {
    log.writeNow('fatal', error, 'uncaught exception; the daemon exits');
    onFatal();
  });
  // Not fatal: exiting would orphan every app over one forgotten promise. Still written at once.
  process.on('unhandledRejection', (error) => log.writeNow('error', error, 'unhandled rejection; the daemon keeps running'));
  let daemon: RunningDaemon;
  try {
    daemon = await startDaemon(values, log.logger);
  } catch (error) {
    log.writeNow('fatal', error, 'the daemon failed to start');
    throw error;
  }
  process.on('SIGHUP', () => {
    try {
      daemon.reloadTls();
    } catch (error) {
      log.logger.error({ err: error }, 'the gateway certificate was not reloaded; the previous one stays in use');
    }
  });
  return { settings: values, log, daemon };
}

/** Says why the start failed (stderr, and the launching CLI over IPC); returns the exit code: 2 bad input, 1 otherwise. */
export async function reportStartFailure(program: string, error: unknown): Promise<number> {
  const known = isSvctlError(error) ? error : new SvctlError('DAEMON_START_FAILED', (error as Error)?.message ?? String(error));
  process.stderr.write(`${program}: ${known.message}\n${known.hint === undefined ? '' : `hint: ${known.hint}\n`}`);
  const send = process.send?.bind(process);
  if (send !== undefined) await new Promise((resolve) => send({ type: 'failed', error: toWireError(known) }, undefined, {}, resolve));
  return BAD_INPUT.has(known.code) ? 2 : 1;
}

const BAD_INPUT: ReadonlySet<string> = new Set(['CONFIG_INVALID', 'USAGE', 'INVALID_PARAMS', 'APP_FILE_NOT_FOUND', 'APP_FILE_INVALID']);
