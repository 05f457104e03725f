import { Type, type Static } from '@sinclair/typebox';
import { APP_LIMITS } from '../app-limits.js';
import { AppSpecSchema } from '../app-schema.js';
import { defineMethod } from '../define.js';
import { CheckStateSchema, HealthSchema } from '../health.js';
import { SampleSchema } from '../monitoring.js';
import { StringEnum } from '../schema-helpers.js';
import { ReasonSchema } from '../reasons.js';
import { StatusSchema, TransitionEventSchema } from '../states.js';

const Env = Type.Record(Type.String(), Type.String());

/** A target: `all`, an app id, a name, a namespace, or an app file (resolved against cwd). */
const Target = Type.Object(
  {
    target: Type.String({ minLength: 1, description: '`all`, an id, a name, a namespace, or a path to an app file.' }),
    cwd: Type.Optional(Type.String({ description: "The CLI's cwd, for a target that is an app file." })),
  },
  { additionalProperties: false },
);



/** Whether the instance's output reaches its log files (docs/logs.md "When the disk is full"). */
export const LogStateSchema = Type.Object({
  status: StringEnum(['ok', 'blocked', 'dropping'], {
    description: 'ok: writing; blocked: a log file cannot be written, the app\'s output is held and retried every second (log_full_policy "block"); dropping: lines that cannot be written are dropped and counted (log_full_policy "drop").',
  }),
  error: Type.Optional(Type.String({ description: 'Why writing fails, e.g. "ENOSPC: no space left on device, write".' })),
  dropped_lines: Type.Integer({ description: 'Lines dropped (never written) since the log files were opened.' }),
});

export type LogState = Static<typeof LogStateSchema>;

export const InstanceRowSchema = Type.Object({
  id: Type.Integer({ description: 'The app id (shared by its instances).' }),
  app: Type.String({ description: 'The app name.' }),
  namespace: Type.String(),
  instance: Type.Integer({ description: 'Instance number, 0-based (SVCTL_INSTANCE).' }),
  pid: Type.Union([Type.Integer(), Type.Null()]),
  status: StatusSchema,
  restarts: Type.Integer({ description: 'Automatic and user restarts since start or reset.' }),
  unstable_restarts: Type.Integer(),
  uptime_ms: Type.Integer({ description: 'Time since the current process started; 0 when not running.' }),
  started_at: Type.Union([Type.String(), Type.Null()]),
  exit_code: Type.Union([Type.Integer(), Type.Null()], { description: 'Exit code of the last process that exited.' }),
  signal: Type.Union([Type.String(), Type.Null()], { description: 'Signal that ended the last process.' }),
  reason: Type.Union([ReasonSchema, Type.Null()], { description: 'The reason code of the last transition; null before the first one.' }),
  detail: Type.String({ description: 'The detail of the last transition, for people.' }),
  cpu: Type.Union([Type.Number(), Type.Null()], { description: 'CPU % of one core (monitoring; null until sampled).' }),
  memory: Type.Union([Type.Integer(), Type.Null()], { description: 'RSS bytes (monitoring; null until sampled).' }),
  health: Type.Optional(HealthSchema),
  log_state: Type.Optional(LogStateSchema),
});

/** An instance that did not stay up after a start, restart, reload or scaling (docs/running-apps.md "Start results"). */
const InstanceFailure = Type.Object({
  instance: Type.Integer(),
  reason: ReasonSchema,
  status: StatusSchema,
  exit_code: Type.Union([Type.Integer(), Type.Null()], { description: 'Exit code of the process that ended.' }),
  signal: Type.Union([Type.String(), Type.Null()], { description: 'Signal that ended it.' }),
  detail: Type.String({ description: 'The detail of its last transition, for people.' }),
  stderr: Type.Array(Type.String(), { description: 'The last lines of its stderr (at most 5).' }),
});

export type InstanceFailure = Static<typeof InstanceFailure>;

const AppOutcome = Type.Object({
  app: Type.String({ description: 'The app name.' }),
  id: Type.Integer(),
  action: StringEnum(['started', 'registered', 'already_running', 'updated_and_started', 'stopped', 'already_stopped', 'restarted', 'reloaded', 'updated', 'deleted', 'scaled', 'signalled', 'reset']),
  detail: Type.Optional(Type.String()),
  failed: Type.Optional(Type.Boolean({ description: 'true when an instance errored, or crashed before it had run min_uptime (or become ready); failures say how.' })),
  changed: Type.Optional(
    Type.Array(Type.String(), {
      description:
        'App-file keys whose value differs from the running app: applied (restart, reload, startOrRestart, startOrReload of a file), or, for already_running, what `start` left as it was.',
    }),
  ),
  applied: Type.Optional(
    StringEnum(['in_place', 'new_processes'], {
      description:
        'How an app file\'s changes reached a running app: `in_place` when every changed key is live (docs/app-file.md, "Applying a changed file"; action `updated`, same pids), else `new_processes` (action `restarted` or `reloaded`).',
    }),
  ),
  failures: Type.Optional(Type.Array(InstanceFailure, { description: 'The instances that failed, with their exit and last stderr lines.' })),
  warnings: Type.Optional(Type.Array(Type.String(), { description: 'What may go wrong with this app as it now is (e.g. instances that would need one port).' })),
});

export type AppOutcome = Static<typeof AppOutcome>;

export type InstanceRow = Static<typeof InstanceRowSchema>;

/** How an app file is read: `--env NAME` and `--only a,b`. */
const FileOptions = Type.Object({
  env_name: Type.Optional(Type.String({ minLength: 1, description: 'Apply env_<name> from the file (`--env production`).' })),
  only: Type.Optional(Type.Array(Type.String(), { description: 'The apps of the file to act on, by name (`--only a,b`).' })),
  umask: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 0o777, description: "The CLI's umask: log files the apps declare are created with 0666 minus it, unless log_file_mode says otherwise." }),
  ),
});

/** `--no-wait`: answer once the instances are started, without watching them through min_uptime. */
const Wait = Type.Object({
  wait: Type.Optional(
    Type.Boolean({
      description:
        'false: answer as soon as the instances are started. By default the answer waits until each new instance has run min_uptime (or become ready), at most 10 s, and reports those that failed.',
    }),
  ),
});

const Outcomes = Type.Object({ apps: Type.Array(AppOutcome), warnings: Type.Array(Type.String()) });

export const AppsStart = defineMethod({
  name: 'apps.start',
  description:
    'Starts apps from an app file (or the one found in cwd), from an ad hoc command, or an existing stopped app by target. The daemon loads and validates the file; an invalid file starts nothing.',
  params: Type.Object(
    {
      cwd: Type.String({ description: "The CLI's working folder." }),
      env: Env,
      file: Type.Optional(Type.String({ description: 'App file path as typed; absent = search cwd.' })),
      target: Type.Optional(Type.String({ description: 'Start existing apps by target instead of loading a file.' })),
      adhoc: Type.Optional(
        Type.Object(
          {
            script: Type.Optional(Type.String()),
            args: Type.Array(Type.String()),
            name: Type.Optional(Type.String()),
            options: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
          },
          { additionalProperties: false },
        ),
      ),
      ...FileOptions.properties,
      ignore_unknown: Type.Optional(Type.Boolean()),
      if_running: Type.Optional(
        StringEnum(['keep', 'restart', 'reload'], {
          description:
            'Apps of the file that are running: keep them as they are and list the keys that differ (default), or restart or reload them with the spec the file now gives (startOrRestart, startOrReload).',
        }),
      ),
      update_env: Type.Optional(Type.Boolean({ description: "With if_running restart/reload: running apps take env as their base environment (else they keep the one they were started with)." })),
      ...Wait.properties,
    },
    { additionalProperties: false },
  ),
  result: Type.Object({ file: Type.Union([Type.String(), Type.Null()]), apps: Outcomes.properties.apps, warnings: Outcomes.properties.warnings }),
});

/** A target, plus the CLI's environment for `--update-env`, and `--env`/`--only` for a target that is an app file (restart, reload). */
const TargetWithEnv = Type.Object(
  {
    ...Target.properties,
    update_env: Type.Optional(Type.Boolean({ description: 'Replace the stored environment with env.' })),
    env: Type.Optional(Type.Record(Type.String(), Type.String(), { description: "The CLI's environment: the new base environment with update_env; what a JS app file sees as process.env." })),
    ...FileOptions.properties,
    ...Wait.properties,
  },
  { additionalProperties: false },
);

export const AppsStop = defineMethod({
  name: 'apps.stop',
  description: 'Stops apps gracefully (stop_signal to the process group, SIGKILL after kill_timeout). Dependents stop first.',
  params: Target,
  result: Outcomes,
});

export const AppsRestart = defineMethod({
  name: 'apps.restart',
  description:
    'Stops then starts apps. With update_env, the environment sent replaces the stored one. A target that is an app file is read again: its running apps restart with the spec the file now gives (in place, without new processes, when every changed key is live: action updated), the others start (pm2 startOrRestart).',
  params: TargetWithEnv,
  result: Outcomes,
});

export const AppsReload = defineMethod({
  name: 'apps.reload',
  description:
    'Replaces instances one at a time: each new instance is online before the old one is stopped. A target that is an app file is read again: its running apps are reloaded with the spec the file now gives (scaled to its instances; in place, without new processes, when every changed key is live: action updated), the others start (pm2 startOrReload).',
  params: TargetWithEnv,
  result: Outcomes,
});

export const AppsDelete = defineMethod({
  name: 'apps.delete',
  description: 'Stops apps and forgets them.',
  params: Target,
  result: Outcomes,
});

export const AppsScale = defineMethod({
  name: 'apps.scale',
  description: 'Sets the number of instances of one app, starting or stopping the difference.',
  params: Type.Object(
    {
      app: Type.String({ minLength: 1, description: 'The app name.' }),
      instances: Type.Union(
        [
          Type.Integer({ minimum: 0, maximum: APP_LIMITS.instancesPerApp }),
          Type.Literal('max'),
          Type.String({ pattern: '^[+-][0-9]{1,4}$' }),
        ],
        { description: "pm2's forms: a number of instances, `max` (one per CPU), or `+n`/`-n` to add or remove n." },
      ),
      ...Wait.properties,
    },
    { additionalProperties: false },
  ),
  result: Outcomes,
});

export const AppsSignal = defineMethod({
  name: 'apps.signal',
  description: "Sends a signal to every running instance's process group.",
  params: Type.Object({ ...Target.properties, signal: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
  result: Outcomes,
});

export const AppsReset = defineMethod({
  name: 'apps.reset',
  description: 'Resets restart counters.',
  params: Target,
  result: Outcomes,
});

export const AppsList = defineMethod({
  name: 'apps.list',
  readOnly: true,
  description: 'One row per instance of every app.',
  params: Type.Object({}, { additionalProperties: false }),
  result: Type.Object({ instances: Type.Array(InstanceRowSchema) }),
});

const LogFilesSchema = Type.Object({
  out: Type.String(),
  err: Type.String(),
  out_size: Type.Optional(Type.Union([Type.Integer(), Type.Null()], { description: 'Bytes in the current out file (null when absent).' })),
  err_size: Type.Optional(Type.Union([Type.Integer(), Type.Null()], { description: 'Bytes in the current err file (null when absent).' })),
  combined: Type.Optional(Type.String({ description: 'The combined log_file, when set.' })),
});

export const AppDescriptionSchema = Type.Object({
  id: Type.Integer(),
  app: Type.String({ description: 'The app name.' }),
  namespace: Type.String(),
  spec: AppSpecSchema,
  command_line: Type.String({ description: 'The command as a shell-quoted line, for reading.' }),
  log_files: Type.Object(LogFilesSchema.properties, { description: "Instance 0's log files (each instance has its own log_files)." }),
  instances: Type.Array(
    Type.Object({
      ...InstanceRowSchema.properties,
      log_files: Type.Object(LogFilesSchema.properties, { description: "This instance's log files (the same for every instance with merge_logs)." }),
      history: Type.Array(TransitionEventSchema),
      checks: Type.Optional(Type.Array(CheckStateSchema, { description: 'Readiness and liveness checks of the current run.' })),
      samples: Type.Array(SampleSchema, { description: 'Recent CPU/memory samples of the process tree, oldest first (at most 60, one per monitor_interval).' }),
    }),
  ),
});

export type AppDescription = Static<typeof AppDescriptionSchema>;

export const AppsDescribe = defineMethod({
  name: 'apps.describe',
  readOnly: true,
  adminParams: ['show_env'],
  description: 'The resolved spec, runtime state, log paths and recent transitions of apps. Secret-looking env values are masked unless show_env.',
  params: Type.Object({ ...Target.properties, show_env: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
  result: Type.Object({ apps: Type.Array(AppDescriptionSchema) }),
});

export const AppsEnv = defineMethod({
  name: 'apps.env',
  description:
    "The complete environment one instance of each app was spawned with, as the process sees it (pm2 env). Values of variables whose names look secret are masked unless show_secrets.",
  params: Type.Object(
    {
      ...Target.properties,
      instance: Type.Optional(Type.Integer({ minimum: 0, description: 'The instance number (default 0).' })),
      show_secrets: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false },
  ),
  result: Type.Object({
    instances: Type.Array(
      Type.Object({
        id: Type.Integer(),
        app: Type.String({ description: 'The app name.' }),
        instance: Type.Integer(),
        pid: Type.Union([Type.Integer(), Type.Null()]),
        env: Env,
      }),
    ),
  }),
});
