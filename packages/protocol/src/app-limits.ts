// Bounds on what an app file may ask for, checked when the file is validated so that no file can
// exhaust the daemon's memory, descriptors or timers. docs/app-file.md lists them (generated from here).

/** Names of apps and namespaces: safe as file names and in terminals, never a target keyword or an id. */
export const NAME_PATTERN = '^(?!all$)(?![0-9]+$)[A-Za-z0-9][A-Za-z0-9._-]{0,63}$';
export const NAME_RULE = '1-64 ASCII letters, digits, ".", "_" or "-", starting with a letter or digit; not "all" (a target keyword) and not only digits (ids are numbers)';

export const APP_LIMITS = {
  /** Per app (also the most `svctl scale` accepts). */
  instancesPerApp: 1024,
  /** All apps of the daemon together: each instance holds about four descriptors and a log writer. */
  instancesPerDaemon: 4096,
  appsPerFile: 1000,
  /** The longest delay a Node.js timer can hold (2^31-1 ms, about 24.8 days); longer ones fire at once. */
  durationMs: 2_147_483_647,
  /** The largest size (max_memory_restart, log_max_size): 2^53-1 bytes, the largest integer a JS number holds exactly. */
  sizeBytes: Number.MAX_SAFE_INTEGER,
  /** Characters of one argument, env value or script: one exec string is at most 128 KiB on Linux. */
  stringLength: 65_536,
  /** Characters of a path, an interpreter or a probe's URL: Linux's PATH_MAX. */
  pathLength: 4096,
  /** Characters of a short value: a signal, a variable name, a cron expression, a date format. */
  shortText: 256,
  /** Entries of args, interpreter_args, ignore_watch, watch... */
  listItems: 1024,
  /** Variables of one env object. */
  envVariables: 1024,
  /** Counts a user sets (max_restarts, a probe's failure_threshold and success_threshold): what the daemon counts up to. */
  count: 2_147_483_647,
  /** The resolved app as JSON, with the CLI environment it carries (stored in the journal and the dump). */
  specBytes: 1024 * 1024,
} as const;

/** One line per bound, for the generated reference. */
export const APP_LIMIT_DOCS: ReadonlyArray<readonly [string, string]> = [
  ['app and namespace names', NAME_RULE],
  ['instances per app', `${APP_LIMITS.instancesPerApp} (after \`max\` or a negative count is resolved)`],
  ['instances per daemon', `${APP_LIMITS.instancesPerDaemon}, all apps together (a start or scale beyond it fails with TOO_MANY_INSTANCES)`],
  ['apps per file', String(APP_LIMITS.appsPerFile)],
  ['durations', `${APP_LIMITS.durationMs} ms (2^31-1, about 24.8 days: the longest a timer can wait); log_max_age, an age, ${APP_LIMITS.sizeBytes} ms`],
  ['sizes (max_memory_restart, log_max_size)', `${APP_LIMITS.sizeBytes} bytes (2^53-1, about 8 PiB: the largest integer a number holds exactly)`],
  ['one argument, env value or script', `${APP_LIMITS.stringLength} characters`],
  ['a path, an interpreter, a probe URL, host or path', `${APP_LIMITS.pathLength} characters`],
  ['stop_signal, instance_var, increment_var, cron_restart, log_date_format', `${APP_LIMITS.shortText} characters`],
  ['stop_exit_codes', 'exit codes 0 to 255, at most 256 of them'],
  ['depends_on, a probe\'s headers', `${APP_LIMITS.appsPerFile} apps; 100 headers`],
  ['list entries (args, interpreter_args, watch...)', String(APP_LIMITS.listItems)],
  ['variables in one env object', String(APP_LIMITS.envVariables)],
  ['max_restarts, failure_threshold, success_threshold', `${APP_LIMITS.count} (2^31-1)`],
  ['the resolved app (JSON, including the CLI environment it carries)', `${APP_LIMITS.specBytes} bytes (1 MiB)`],
];

const NAME = new RegExp(NAME_PATTERN, 'u');

export function isValidName(name: string): boolean {
  return NAME.test(name);
}
