// The app-file schema as data: what users write (pm2 key names, loose types) and the resolved
// spec the daemon runs and returns from `describe`. Docs for the app-file reference are generated from here.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { StringEnum } from './schema-helpers.js';
import { APP_LIMITS, NAME_PATTERN, NAME_RULE } from './app-limits.js';
import { BOUNDED_AGE_FORMAT, BOUNDED_DURATION_FORMAT, BOUNDED_SIZE_FORMAT, DURATION_STRING_PATTERN, SIZE_STRING_PATTERN } from './units.js';

// `title` on a union branch is the short "expected" text shown in validation errors.
const Duration = (description: string): TSchema =>
  Type.Union(
    [
      Type.Number({ minimum: 0, maximum: APP_LIMITS.durationMs, title: `a number of milliseconds up to ${APP_LIMITS.durationMs}` }),
      Type.String({
        pattern: DURATION_STRING_PATTERN,
        format: BOUNDED_DURATION_FORMAT,
        title: 'a duration string such as "5s", "200ms" or "1.5m", up to "24d"',
      }),
    ],
    { description },
  );

/** An age compared with file times, never waited for: not held to a timer's 24 days. */
const Age = (description: string): TSchema =>
  Type.Union(
    [
      Type.Number({ minimum: 0, maximum: APP_LIMITS.sizeBytes, title: `a number of milliseconds up to ${APP_LIMITS.sizeBytes}` }),
      Type.String({ pattern: DURATION_STRING_PATTERN, format: BOUNDED_AGE_FORMAT, title: 'a duration string such as "7d" or "12h"' }),
    ],
    { description },
  );

const Size = (description: string): TSchema =>
  Type.Union(
    [
      Type.Number({ minimum: 0, maximum: APP_LIMITS.sizeBytes, title: `a number of bytes up to ${APP_LIMITS.sizeBytes}` }),
      Type.String({ pattern: SIZE_STRING_PATTERN, format: BOUNDED_SIZE_FORMAT, title: 'a size string such as "200M", "512K" or "1G", up to "8388607G"' }),
    ],
    { description },
  );

const Count = (minimum: number, description: string): TSchema =>
  Type.Integer({ minimum, maximum: APP_LIMITS.count, title: `an integer from ${minimum} to ${APP_LIMITS.count}`, description });

const BoundedString = (title: string, minLength = 0): TSchema =>
  Type.String({ minLength, maxLength: APP_LIMITS.stringLength, title: `${title} of at most ${APP_LIMITS.stringLength} characters` });

const BoundedList = (title: string): TSchema =>
  Type.Array(Type.String({ maxLength: APP_LIMITS.stringLength }), {
    maxItems: APP_LIMITS.listItems,
    title: `${title} (at most ${APP_LIMITS.listItems}, each at most ${APP_LIMITS.stringLength} characters)`,
  });

const StringOrList = (description: string): TSchema => Type.Union([BoundedString('a string'), BoundedList('an array of strings')], { description });

const EnvValue = Type.Union([Type.String({ maxLength: APP_LIMITS.stringLength }), Type.Number(), Type.Boolean()], {
  title: `a string (at most ${APP_LIMITS.stringLength} characters), number or boolean`,
  description: 'A variable value; numbers and booleans become strings.',
});

const EnvObject = (description: string): TSchema =>
  Type.Object({}, { additionalProperties: EnvValue, maxProperties: APP_LIMITS.envVariables, title: `an object of at most ${APP_LIMITS.envVariables} variables`, description });

const Name = (description: string): TSchema => Type.String({ pattern: NAME_PATTERN, title: `a name of ${NAME_RULE}`, description });

const Path = (description: string): TSchema =>
  Type.String({ minLength: 1, maxLength: APP_LIMITS.pathLength, title: `a non-empty path of at most ${APP_LIMITS.pathLength} characters`, description });

const ShortText = (title: string, options: { pattern?: string; minLength?: number; description: string }): TSchema =>
  Type.String({ maxLength: APP_LIMITS.shortText, ...options, title: `${title} of at most ${APP_LIMITS.shortText} characters` });

const VariableName = (description: string): TSchema => ShortText('an environment variable name', { pattern: '^[A-Za-z_][A-Za-z0-9_]*$', description });

const HostName = Type.String({ minLength: 1, maxLength: APP_LIMITS.pathLength, title: 'a host name or address' });

const ExitCode = Type.Integer({ minimum: 0, maximum: 255, title: 'an exit code (0-255)' });

const Port = Type.Integer({ minimum: 1, maximum: 65535, title: 'a port number (1-65535)' });

/** A health check, with process-compose's field names; durations in ms or strings like other keys. */
const Probe = (description: string): TSchema =>
  Type.Object(
    {
      http_get: Type.Optional(
        Type.Object(
          {
            url: Type.Optional(Type.String({ pattern: '^https?://', maxLength: APP_LIMITS.pathLength, title: `an http:// or https:// URL of at most ${APP_LIMITS.pathLength} characters` })),
            scheme: Type.Optional(StringEnum(['http', 'https'])),
            host: Type.Optional(HostName),
            port: Type.Optional(Port),
            path: Type.Optional(Type.String({ pattern: '^/', maxLength: APP_LIMITS.pathLength, title: `a path starting with "/" of at most ${APP_LIMITS.pathLength} characters` })),
            headers: Type.Optional(
              Type.Object({}, { additionalProperties: Type.String({ maxLength: APP_LIMITS.stringLength }), maxProperties: 100, title: `an object of at most 100 header strings (each at most ${APP_LIMITS.stringLength} characters)` }),
            ),
            status_code: Type.Optional(Type.Integer({ minimum: 100, maximum: 599, title: 'an HTTP status code' })),
          },
          { additionalProperties: false, description: 'GET `url` (or scheme://host:port/path); success is status_code, or any 2xx/3xx without it.' },
        ),
      ),
      tcp_socket: Type.Optional(
        Type.Object({ host: Type.Optional(HostName), port: Port }, { additionalProperties: false, description: 'Success when a TCP connection opens.' }),
      ),
      exec: Type.Optional(
        Type.Object({ command: BoundedString('a non-empty command', 1) }, { additionalProperties: false, description: 'A /bin/sh command run in the app\'s cwd with its environment; exit 0 is success.' }),
      ),
      initial_delay: Type.Optional(Duration("Wait before the first check, as Kubernetes' initialDelaySeconds (default: 0); a liveness probe's counts from when the instance is ready.")),
      period: Type.Optional(Duration('Time between checks (default: 10 s).')),
      timeout: Type.Optional(Duration('How long one check may take (default: 1 s).')),
      failure_threshold: Type.Optional(Count(1, 'Consecutive failures that count as failed (default: 3).')),
      success_threshold: Type.Optional(Count(1, 'Consecutive successes that count as passed (default: 1).')),
    },
    { additionalProperties: false, title: 'a probe object with one of http_get, tcp_socket or exec', description },
  );

/** The canonical keys of an app entry, as users write them. */
const ENTRY_PROPERTIES = {
  name: Name("The app's name, unique in the file (default: the script's base name without extension)."),
  script: Type.String({
    minLength: 1,
    maxLength: APP_LIMITS.stringLength,
    title: `a non-empty string of at most ${APP_LIMITS.stringLength} characters`,
    description:
      'What to run: a file (relative to the app\'s cwd), a command found on PATH (`npm`), or a whole command line with spaces (`npm start`), which runs through /bin/sh.',
  }),
  args: StringOrList('Arguments after the script: an array, or a string split like a shell would (quotes respected).'),
  interpreter: Type.String({
    minLength: 1,
    maxLength: APP_LIMITS.pathLength,
    title: `a non-empty string of at most ${APP_LIMITS.pathLength} characters`,
    description:
      'Program that runs the script (default from the extension: node for .js/.mjs/.cjs, node with tsx for .ts, python3 for .py, bash for .sh); `none` runs the script itself; absolute paths allowed.',
  }),
  interpreter_args: StringOrList('Arguments for the interpreter, before the script (e.g. `--max-old-space-size=1024`).'),
  cwd: Path("Working folder of the app; a relative path resolves against the app file's folder (default: that folder)."),
  namespace: Name('Group name for acting on several apps at once (default: "default").'),
  env: EnvObject("The app's own environment variables, added on top of the CLI's environment."),
  env_file: Path('A dotenv file (relative to the app\'s cwd) whose variables come under those in `env` and `env_<name>`.'),
  instances: Type.Union(
    [
      Type.Integer({ minimum: -APP_LIMITS.instancesPerApp, maximum: APP_LIMITS.instancesPerApp, title: `an integer from -${APP_LIMITS.instancesPerApp} to ${APP_LIMITS.instancesPerApp}` }),
      Type.String({ pattern: '^\\s*-?[0-9]{1,4}\\s*$', title: 'a numeric string' }),
      Type.Literal('max', { title: '"max"' }),
    ],
    { description: 'How many processes to run: a number, `max` or 0 for one per CPU, a negative n for CPUs minus n (at least 1).' },
  ),
  exec_mode: StringEnum(['fork', 'cluster', 'fork_mode', 'cluster_mode'], {
    description:
      'pm2 execution mode. `cluster` (also inferred, as pm2 does, when `instances` is set without exec_mode for a node script) runs the instances as workers of Node\'s cluster module behind one small primary process per app, so they share listening ports; apps that cannot (not node, a shell command line) run forked, and `describe` says why.',
  }),
  listen: Type.Union([BoundedString('an address'), BoundedList('an array of addresses')], {
    description:
      'Sockets the daemon holds for the app and passes to every instance as inherited descriptors from fd 3, with LISTEN_FDS, LISTEN_PID and LISTEN_FDNAMES (systemd socket activation): `"8080"`, `"127.0.0.1:8080"`, `"[::1]:8080"`, a unix socket path, or a list. The port stays open across restarts and reloads; connections wait in the backlog. The instances run forked.',
  }),
  shutdown_with_message: Type.Boolean({
    title: 'a boolean',
    description: "Stop an instance by sending it the message 'shutdown' over IPC (`process.on('message')`) instead of stop_signal; stop_signal then SIGKILL follow if it has not exited after kill_timeout (pm2's key).",
  }),
  instance_var: VariableName('Also set the instance number (0, 1, ...) in this variable (NODE_APP_INSTANCE and SVCTL_INSTANCE are always set).'),
  increment_var: VariableName('A numeric variable of `env` that grows by one per instance (`PORT` 3000 gives 3000, 3001, ...), as in pm2.'),
  autorestart: Type.Boolean({ title: 'a boolean', description: 'Restart the app when it exits (default: true).' }),
  autostart: Type.Boolean({
    title: 'a boolean',
    description: 'Start the app with its file (default: true); false registers it stopped, to be started later with `svctl start NAME` (pm2 autostart).',
  }),
  stop_exit_codes: Type.Union([ExitCode, Type.Array(ExitCode, { maxItems: 256, title: 'an array of at most 256 exit codes (0-255)' })], {
    description: 'Exit codes that mean "done": no restart after them (default: none).',
  }),
  max_restarts: Count(0, 'Unstable restarts (runs shorter than min_uptime) allowed before the app is errored (default: 16).'),
  min_uptime: Duration('A run shorter than this counts as unstable (default: 1000 ms).'),
  restart_delay: Duration('Fixed wait before each restart (default: none).'),
  exp_backoff_restart_delay: Duration('First wait of an exponential restart backoff (×1.5 each time, at most 15 s); overrides restart_delay.'),
  kill_timeout: Duration('How long to wait after stop_signal before SIGKILL (default: 5000 ms).'),
  stop_signal: ShortText('a signal name such as "SIGTERM"', { minLength: 1, description: 'Signal sent to stop the app (default: SIGTERM).' }),
  shell: Type.Boolean({ title: 'a boolean', description: 'Run through /bin/sh -c (default: true when script contains spaces, else false).' }),
  out_file: Path("File for the app's stdout (relative to the app's cwd; `~` expanded)."),
  error_file: Path("File for the app's stderr (relative to the app's cwd; `~` expanded)."),
  log_file: Type.Union([Type.String({ minLength: 1, maxLength: APP_LIMITS.pathLength, title: `a path of at most ${APP_LIMITS.pathLength} characters` }), Type.Boolean({ title: 'a boolean' })], {
    description: 'File receiving stdout and stderr together; `true` for a default path.',
  }),
  merge_logs: Type.Boolean({ title: 'a boolean', description: 'Write all instances to the same log files instead of one per instance.' }),
  time: Type.Boolean({ title: 'a boolean', description: 'Prefix each log line with a timestamp (overrides log_date_format).' }),
  log_date_format: Type.Union([Type.String({ maxLength: APP_LIMITS.shortText, title: `a date format string of at most ${APP_LIMITS.shortText} characters` }), Type.Literal(false, { title: 'false' })], {
    description: 'Timestamp format for log lines, e.g. "YYYY-MM-DD HH:mm:ss"; false for none.',
  }),
  log_type: StringEnum(['json', 'raw'], { description: 'Log line format: raw text (default) or JSON objects.' }),
  log_max_size: Size('Rotate a log file when it reaches this size (default: the log_max_size setting, 10M).'),
  log_max_files: Type.Integer({ minimum: 1, maximum: 1000, title: 'an integer from 1 to 1000', description: 'Rotated files kept per log file: `.1` (newest) to `.N` (default: the log_max_files setting, 10).' }),
  log_max_age: Age('Delete rotated log files older than this (default: the log_max_age setting; none).'),
  log_compress: Type.Boolean({ title: 'a boolean', description: 'gzip rotated log files (`.1.gz`...; default: the log_compress setting, false).' }),
  log_file_mode: Type.Union(
    [
      Type.String({ pattern: '^0?[0-7]{3}$', title: 'an octal mode string such as "0640"' }),
      Type.Integer({ minimum: 0, maximum: 0o777, title: 'a mode number from 0 to 0o777 (511)' }),
    ],
    {
      description:
        'Mode of the log files the app declares (out_file, error_file, log_file) when svctl creates them (default: 0666 minus the umask of the shell that ran `svctl start`, as pm2 and shells do). Files under $SVCTL_HOME are always 0600.',
    },
  ),
  log_full_policy: StringEnum(['block', 'drop'], {
    description:
      'When a log file cannot be written (disk full): "block" (default) holds the app\'s output, so its writes block, and retries every second from the exact byte, losing nothing; "drop" drops whole lines instead and counts each drop (an event and `describe`).',
  }),
  max_memory_restart: Size('Restart the app when its memory exceeds this.'),
  watch: Type.Union(
    [Type.Boolean({ title: 'a boolean' }), BoundedString('a path'), BoundedList('an array of paths')],
    { description: "Restart on file changes: true watches the app's cwd; or the paths to watch." },
  ),
  ignore_watch: StringOrList('Paths or globs not to watch.'),
  watch_delay: Duration('Wait after a change before restarting.'),
  cron_restart: ShortText('a cron expression', { minLength: 1, description: 'Restart on this cron schedule, e.g. "0 3 * * *".' }),
  wait_ready: Type.Boolean({
    title: 'a boolean',
    description: 'Count the app as online only once it is ready: `process.send(\'ready\')` (an IPC channel is opened), its ready_log_line or its readiness_probe. Not ready within listen_timeout is a failed start.',
  }),
  listen_timeout: Duration('How long a start may wait to be ready (default: 3000 ms; with a readiness_probe, long enough for failure_threshold probes); then the start fails with reason readiness_timeout.'),
  ready_log_line: Type.String({ minLength: 1, maxLength: APP_LIMITS.stringLength, title: `a non-empty string of at most ${APP_LIMITS.stringLength} characters`, description: 'The app is ready once a line of its stdout contains this string (implies waiting for readiness).' }),
  readiness_probe: Probe('Checks that the app is ready: the first success makes a starting instance online (implies waiting for readiness); later results show as health ready/not_ready.'),
  liveness_probe: Probe(
    'Checks that a running app still works. Checks begin once the instance is ready (its readiness_probe passed, its wait_ready message or ready_log_line came, or, without any of these, once it has run for min_uptime), then after initial_delay; failure_threshold consecutive failures restart the instance (reason liveness) with the restart policy\'s backoff.',
  ),
  depends_on: Type.Object({}, {
    additionalProperties: StringEnum(['healthy', 'started', 'completed'], { title: '"healthy", "started" or "completed"' }),
    maxProperties: APP_LIMITS.appsPerFile,
    title: `an object of at most ${APP_LIMITS.appsPerFile} app names to "healthy", "started" or "completed"`,
    description: 'Apps that must be healthy (online and ready), started (online) or completed (exited and stopped) before this one starts; stop stops dependents first.',
  }),
  pid_file: Path('File to write the pid to (relative to the app\'s cwd; `~` expanded).'),
  image: Type.String({
    minLength: 1,
    maxLength: APP_LIMITS.stringLength,
    title: 'a container image reference such as "registry.example.com/api:1.4"',
    description: 'Export only: the container image of the app in `svctl export kubernetes` (overridden by --image; docs/export.md). The daemon does not read it.',
  }),
};

export type AppEntryKey = keyof typeof ENTRY_PROPERTIES;

/** pm2 alternative names: the canonical key wins when both are present. */
export const APP_KEY_ALIASES = {
  out: 'out_file',
  output: 'out_file',
  out_log: 'out_file',
  error: 'error_file',
  err: 'error_file',
  err_file: 'error_file',
  err_log: 'error_file',
  log: 'log_file',
  exec_interpreter: 'interpreter',
  node_args: 'interpreter_args',
  combine_logs: 'merge_logs',
  cron: 'cron_restart',
  pid: 'pid_file',
} as const satisfies Record<string, AppEntryKey>;

/** pm2 keys that mean nothing in svctl: accepted with a warning saying why they are ignored. */
export const IGNORED_PM2_KEYS: Readonly<Record<string, string>> = {
  vizion: 'pm2 version-control metadata',
  pmx: 'pm2/Keymetrics monitoring integration',
  automation: 'pm2/Keymetrics monitoring integration',
  trace: 'pm2/Keymetrics monitoring integration',
  disable_trace: 'pm2/Keymetrics monitoring integration',
  deep_monitoring: 'pm2/Keymetrics monitoring integration',
  source_map_support: 'pm2 injects its own source-map hook; pass --enable-source-maps in node_args instead',
  disable_source_map_support: 'pm2 injects its own source-map hook; svctl never does',
  treekill: 'svctl always signals the whole process group',
  kill_retry_time: 'svctl is told of exits, it does not poll',
  post_update: "pm2's hook after `pm2 pull`; with svctl deploy, use the deploy section's post-deploy",
  force: "pm2's duplicate-start override; svctl identifies apps by name",
  watch_options: 'chokidar options; use watch, ignore_watch and watch_delay',
  filter_env: 'the CLI environment is always passed as base_env',
  append_env_to_name: 'not supported; name apps explicitly',
  max_size: 'a pm2-logrotate setting; svctl rotates logs with its own settings',
  retain: 'a pm2-logrotate setting; svctl rotates logs with its own settings',
};

const aliasProperties = Object.fromEntries(
  Object.entries(APP_KEY_ALIASES).map(([alias, canonical]) => [
    alias,
    { ...ENTRY_PROPERTIES[canonical], description: `pm2 alias of \`${canonical}\` (${canonical} wins when both are set).` },
  ]),
) as Record<keyof typeof APP_KEY_ALIASES, TSchema>;

/** `env_<name>` blocks, applied with `--env <name>`; `env_file` is a key of its own. */
export const ENV_BLOCK_PATTERN = '^env_(?!file$)[A-Za-z0-9_.-]+$';

const optionalEntryProperties = Object.fromEntries(
  Object.entries({ ...ENTRY_PROPERTIES, ...aliasProperties }).map(([key, schema]) => [key, key === 'script' ? schema : Type.Optional(schema)]),
);

/** One app as users write it in a file (or as ad hoc options); unknown keys are rejected so typos show. */
export const AppFileEntrySchema = Type.Object(optionalEntryProperties, {
    additionalProperties: false,
    patternProperties: { [ENV_BLOCK_PATTERN]: EnvObject('Variables applied on top of `env` when started with `--env <name>`.') },
    description: 'One app in an app file, with pm2-compatible key names.',
});

const StringList = (description: string) => Type.Array(Type.String(), { description });
const Millis = (description: string) => Type.Integer({ minimum: 0, description });
const NullableMillis = (description: string) => Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description });
const AbsolutePath = (description: string) => Type.String({ minLength: 1, description });

export const DependencyConditionSchema = StringEnum(['healthy', 'started', 'completed']);
export type DependencyCondition = Static<typeof DependencyConditionSchema>;

/** A resolved probe: exactly one check, times in ms. */
export const ProbeSpecSchema = Type.Object(
  {
    http_get: Type.Optional(
      Type.Object({
        url: Type.String({ description: 'The URL to GET.' }),
        headers: Type.Record(Type.String(), Type.String()),
        status_code: Type.Union([Type.Integer(), Type.Null()], { description: 'Expected status, or null for any 2xx/3xx.' }),
      }),
    ),
    tcp_socket: Type.Optional(Type.Object({ host: Type.String(), port: Type.Integer() })),
    exec: Type.Optional(Type.Object({ command: Type.String() })),
    initial_delay: Millis('Milliseconds before the first check.'),
    period: Millis('Milliseconds between checks.'),
    timeout: Millis('Milliseconds one check may take.'),
    failure_threshold: Type.Integer({ minimum: 1 }),
    success_threshold: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false, description: 'A health check as the daemon runs it.' },
);
export type ProbeSpec = Static<typeof ProbeSpecSchema>;

export const LogFullPolicySchema = StringEnum(['block', 'drop'], { description: 'On a log write failure: hold the app\'s output (block, the default) or drop and count whole lines (drop).' });
export type LogFullPolicy = Static<typeof LogFullPolicySchema>;

/** The resolved app: canonical keys, numbers in ms and bytes, absolute paths, the exact argv to exec. */
export const AppSpecSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, description: "The app's unique name." }),
    namespace: Type.String({ minLength: 1, description: 'Namespace the app belongs to.' }),
    script: Type.String({ minLength: 1, description: 'The script as resolved: an absolute path, a bare command (found on PATH at spawn), or a shell command line.' }),
    args: StringList('Arguments after the script.'),
    interpreter: Type.Union([Type.String(), Type.Null()], { description: 'Interpreter name or path, or null when the script runs itself.' }),
    interpreter_args: StringList('Arguments for the interpreter (before the script).'),
    command: Type.Array(Type.String(), { minItems: 1, description: 'The exact argv to exec; command[0] is the program (node is the daemon\'s own node binary).' }),
    shell: Type.Boolean({ description: 'Whether command is a /bin/sh -c invocation.' }),
    cwd: AbsolutePath('Absolute working folder.'),
    env: Type.Record(Type.String(), Type.String(), { description: "The app's own variables: env_file, then env, then env_<name>." }),
    base_env: Type.Record(Type.String(), Type.String(), { description: "The CLI's environment at load time; the daemon spawns with base_env + env." }),
    env_name: Type.Union([Type.String(), Type.Null()], { description: 'The `--env` name applied, or null.' }),
    instances: Type.Integer({ minimum: 1, description: 'Number of processes.' }),
    autorestart: Type.Boolean({ description: 'Restart on exit.' }),
    autostart: Type.Optional(Type.Boolean({ description: 'false: registered stopped by a start of its file (absent: true).' })),
    stop_exit_codes: Type.Array(Type.Integer(), { description: 'Exit codes after which no restart happens.' }),
    max_restarts: Type.Integer({ minimum: 0, description: 'Unstable restarts allowed before errored.' }),
    min_uptime: Millis('Runs shorter than this (ms) are unstable.'),
    restart_delay: NullableMillis('Fixed restart delay in ms, or null.'),
    exp_backoff_restart_delay: NullableMillis('Initial exponential backoff delay in ms, or null.'),
    kill_timeout: Millis('Milliseconds between stop_signal and SIGKILL.'),
    stop_signal: Type.String({ pattern: '^SIG[A-Z0-9]+$', description: 'Signal sent to stop the app.' }),
    source_file: Type.Union([Type.String(), Type.Null()], { description: 'Absolute path of the app file, or null for an ad hoc app.' }),
    cluster_requested: Type.Boolean({ description: 'pm2 would have run this app in cluster mode (exec_mode cluster, or instances set for a node app).' }),
    exec_mode: Type.Optional(StringEnum(['fork', 'cluster'], { description: 'How the instances run (absent: fork): separate processes, or workers of one Node cluster primary.' })),
    exec_mode_reason: Type.Optional(Type.String({ description: 'Why the app runs in that mode (for people).' })),
    instance_var: Type.Optional(Type.String({ description: 'Variable that also receives the instance number.' })),
    shutdown_with_message: Type.Optional(Type.Boolean({ description: "Stop with the IPC message 'shutdown' first." })),
    listen: Type.Optional(StringList('Addresses the daemon holds for the app: host:port, [ipv6]:port, a port, or an absolute unix socket path; passed from fd 3 in this order.')),
    increment_var: Type.Optional(Type.String({ description: 'Variable of env that grows by one per instance.' })),
    out_file: Type.Optional(AbsolutePath('Absolute stdout log path.')),
    error_file: Type.Optional(AbsolutePath('Absolute stderr log path.')),
    log_file: Type.Optional(Type.Union([Type.String({ minLength: 1 }), Type.Literal(true)], { description: 'Absolute combined log path, or true for the default path.' })),
    merge_logs: Type.Optional(Type.Boolean({ description: 'One set of log files for all instances.' })),
    time: Type.Optional(Type.Boolean({ description: 'Timestamp log lines.' })),
    log_date_format: Type.Optional(Type.String({ description: 'Timestamp format for log lines.' })),
    log_type: Type.Optional(StringEnum(['json', 'raw'], { description: 'Log line format.' })),
    log_max_size: Type.Optional(Type.Integer({ minimum: 1, description: 'Rotation size of each log file, bytes (absent: the daemon setting).' })),
    log_max_files: Type.Optional(Type.Integer({ minimum: 1, description: 'Rotated files kept per log file (absent: the daemon setting).' })),
    log_max_age: Type.Optional(Millis('Rotated log files older than this (ms) are deleted (absent: the daemon setting).')),
    log_compress: Type.Optional(Type.Boolean({ description: 'gzip rotated log files (absent: the daemon setting).' })),
    log_full_policy: Type.Optional(LogFullPolicySchema),
    log_file_mode: Type.Optional(Type.Integer({ minimum: 0, maximum: 0o777, description: "Mode of declared log files svctl creates: log_file_mode, or 0666 minus the CLI's umask (absent: 0600)." })),
    max_memory_restart: Type.Optional(Type.Integer({ minimum: 0, description: 'Memory limit in bytes.' })),
    watch: Type.Optional(Type.Union([Type.Boolean(), Type.Array(Type.String())], { description: 'false, true (the cwd) or paths to watch.' })),
    ignore_watch: Type.Optional(StringList('Paths or globs not watched.')),
    watch_delay: Type.Optional(Millis('Milliseconds between a change and the restart.')),
    cron_restart: Type.Optional(Type.String({ description: 'Cron schedule for restarts.' })),
    wait_ready: Type.Optional(Type.Boolean({ description: 'Wait for a "ready" message.' })),
    listen_timeout: Type.Optional(Millis('Milliseconds a start may wait to be ready.')),
    ready_log_line: Type.Optional(Type.String({ minLength: 1, description: 'A stdout line containing this string makes the app ready.' })),
    readiness_probe: Type.Optional(ProbeSpecSchema),
    liveness_probe: Type.Optional(ProbeSpecSchema),
    depends_on: Type.Optional(Type.Record(Type.String(), DependencyConditionSchema, { description: 'App name → condition it must meet before this app starts.' })),
    env_file: Type.Optional(AbsolutePath('Absolute path of the dotenv file that was read.')),
    pid_file: Type.Optional(AbsolutePath('Absolute pid file path.')),
    image: Type.Optional(Type.String({ minLength: 1, description: 'Container image for `svctl export kubernetes` (export only).' })),
  },
  { additionalProperties: false, description: 'A resolved app, as the daemon runs it and `describe` returns it.' },
);

export type AppSpec = Static<typeof AppSpecSchema>;
