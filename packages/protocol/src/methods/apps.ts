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

const AppOutcome = Type.Object({
  app: Type.String({ description: 'The app name.' }),
  id: Type.Integer(),
  action: StringEnum(['started', 'already_running', 'updated_and_started', 'stopped', 'already_stopped', 'restarted', 'reloaded', 'deleted', 'scaled', 'signalled', 'reset']),
  detail: Type.Optional(Type.String()),
  failed: Type.Optional(Type.Boolean({ description: 'true when an instance ended errored (e.g. the spawn failed); detail says why.' })),
});

export type AppOutcome = Static<typeof AppOutcome>;

export type InstanceRow = Static<typeof InstanceRowSchema>;

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
      env_name: Type.Optional(Type.String()),
      only: Type.Optional(Type.Array(Type.String())),
      ignore_unknown: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false },
  ),
  result: Type.Object({ file: Type.Union([Type.String(), Type.Null()]), apps: Outcomes.properties.apps, warnings: Outcomes.properties.warnings }),
});

/** A target, plus the CLI's environment for `--update-env` (restart, reload). */
const TargetWithEnv = Type.Object(
  {
    ...Target.properties,
    update_env: Type.Optional(Type.Boolean({ description: 'Replace the stored environment with env.' })),
    env: Type.Optional(Env),
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
  description: 'Stops then starts apps. With update_env, the environment sent replaces the stored one.',
  params: TargetWithEnv,
  result: Outcomes,
});

export const AppsReload = defineMethod({
  name: 'apps.reload',
  description: 'Replaces instances one at a time: each new instance is online before the old one is stopped.',
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
  params: Type.Object({ app: Type.String({ minLength: 1, description: 'The app name.' }), instances: Type.Integer({ minimum: 0, maximum: APP_LIMITS.instancesPerApp }) }, { additionalProperties: false }),
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

export const AppDescriptionSchema = Type.Object({
  id: Type.Integer(),
  app: Type.String({ description: 'The app name.' }),
  namespace: Type.String(),
  spec: AppSpecSchema,
  command_line: Type.String({ description: 'The command as a shell-quoted line, for reading.' }),
  log_files: Type.Object({
    out: Type.String(),
    err: Type.String(),
    out_size: Type.Optional(Type.Union([Type.Integer(), Type.Null()], { description: 'Bytes in the current out file (null when absent).' })),
    err_size: Type.Optional(Type.Union([Type.Integer(), Type.Null()], { description: 'Bytes in the current err file (null when absent).' })),
    combined: Type.Optional(Type.String({ description: 'The combined log_file, when set.' })),
  }),
  instances: Type.Array(
    Type.Object({
      ...InstanceRowSchema.properties,
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
