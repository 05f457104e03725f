// pm2's ad hoc start flags (`svctl start app.js -i 2 --max-memory-restart 200M`): each sets the app key pm2
// sets for it, and the daemon validates the result like an app file entry (apps/build-ad-hoc-app.ts).
import type { Argv } from 'yargs';
import type { GlobalArgs } from '../context.js';

type Kind = 'string' | 'boolean' | 'number' | 'duration' | 'list' | 'optional-path' | 'watch';

interface AdHocFlag {
  flag: string;
  key: string;
  kind: Kind;
  alias?: string;
  describe: string;
}

// Order is the order of `svctl start --help`. `--name`, `--namespace` and `--env` are start's own options.
const FLAGS: readonly AdHocFlag[] = [
  { flag: 'instances', alias: 'i', key: 'instances', kind: 'string', describe: 'number of instances (a number, max, or -n for CPUs minus n)' },
  { flag: 'watch', key: 'watch', kind: 'watch', describe: 'restart on file changes (optionally: comma-separated paths to watch)' },
  { flag: 'ignore-watch', key: 'ignore_watch', kind: 'list', describe: 'comma- or space-separated paths or globs not to watch' },
  { flag: 'max-memory-restart', key: 'max_memory_restart', kind: 'string', describe: 'restart when memory exceeds this (e.g. 200M)' },
  { flag: 'cron-restart', alias: 'cron', key: 'cron_restart', kind: 'string', describe: 'restart on a cron schedule, e.g. "0 3 * * *"' },
  { flag: 'output', alias: 'o', key: 'out_file', kind: 'string', describe: 'stdout log file' },
  { flag: 'error', alias: 'e', key: 'error_file', kind: 'string', describe: 'stderr log file' },
  { flag: 'log', alias: 'l', key: 'log_file', kind: 'optional-path', describe: 'combined stdout+stderr log file (no path: the default one)' },
  { flag: 'time', key: 'time', kind: 'boolean', describe: 'prefix log lines with a timestamp' },
  { flag: 'log-date-format', key: 'log_date_format', kind: 'string', describe: 'timestamp format of log lines, e.g. "YYYY-MM-DD HH:mm:ss"' },
  { flag: 'merge-logs', key: 'merge_logs', kind: 'boolean', describe: 'one set of log files for all instances' },
  { flag: 'autorestart', key: 'autorestart', kind: 'boolean', describe: 'restart the app when it exits (--no-autorestart: do not)' },
  { flag: 'interpreter', key: 'interpreter', kind: 'string', describe: 'program that runs the script (none: the script runs itself)' },
  { flag: 'node-args', key: 'node_args', kind: 'string', describe: 'arguments for the interpreter, e.g. "--max-old-space-size=1024"' },
  { flag: 'kill-timeout', key: 'kill_timeout', kind: 'duration', describe: 'ms (or "5s") between the stop signal and SIGKILL' },
  { flag: 'restart-delay', key: 'restart_delay', kind: 'duration', describe: 'ms (or "2s") to wait before each restart' },
  { flag: 'exp-backoff-restart-delay', key: 'exp_backoff_restart_delay', kind: 'duration', describe: 'first ms of an exponential restart backoff' },
  { flag: 'max-restarts', key: 'max_restarts', kind: 'number', describe: 'unstable restarts allowed before the app is errored' },
  { flag: 'min-uptime', key: 'min_uptime', kind: 'duration', describe: 'a run shorter than this (ms or "1s") is unstable' },
  { flag: 'wait-ready', key: 'wait_ready', kind: 'boolean', describe: "online only once the app sends process.send('ready')" },
  { flag: 'listen-timeout', key: 'listen_timeout', kind: 'duration', describe: 'ms (or "8s") a start may wait to be ready' },
];

/** Adds the ad hoc flags to `svctl start`. */
export function withAdHocFlags(yargs: Argv<GlobalArgs>): Argv<GlobalArgs> {
  let built = yargs;
  for (const { flag, alias, kind, describe } of FLAGS) {
    const type = kind === 'boolean' ? 'boolean' : 'string';
    built = built.option(flag, { type, describe, group: 'Ad hoc app (pm2 flags):', ...(alias === undefined ? {} : { alias }) });
  }
  return built;
}

/** The app keys the ad hoc flags on this command line set, as an app file would spell them. */
export function adHocKeys(args: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const keys: Record<string, unknown> = {};
  for (const { flag, key, kind } of FLAGS) {
    const value = args[flag];
    if (value !== undefined) keys[key] = toKeyValue(kind, value);
  }
  return keys;
}

function toKeyValue(kind: Kind, value: unknown): unknown {
  // A repeated flag (`--name a --name b`) keeps its last value, as pm2's parser does.
  const last = Array.isArray(value) ? (value.at(-1) as unknown) : value;
  if (typeof last !== 'string') return last;
  switch (kind) {
    case 'number':
      return /^\s*-?\d+\s*$/.test(last) ? Number(last) : last;
    case 'duration':
      // A plain number is milliseconds, as in pm2; "5s" stays a duration string for the schema to check.
      return /^\s*\d+(\.\d+)?\s*$/.test(last) ? Number(last) : last;
    case 'list':
      return splitList(last);
    case 'optional-path':
      return last === '' ? true : last;
    case 'watch':
      return last === '' || last === 'true' ? true : last === 'false' ? false : splitList(last);
    default:
      return last;
  }
}

function splitList(value: string): string[] {
  return value.split(/[\s,]+/).filter(Boolean);
}
