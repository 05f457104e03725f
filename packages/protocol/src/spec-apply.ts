// How a changed key of the resolved app reaches a running app when its file is applied again (startOrReload,
// startOrRestart, reload FILE, restart FILE): `live` keys are given to the running instances in place (same
// pids, restart counters kept), `process` keys need new processes, `scale` (instances) starts or stops the
// difference. One row per key of AppSpecSchema: `satisfies` refuses a key missing here or one it does not have.
// The "Applying a changed file" section of docs/app-file.md is generated from this table.
import type { AppSpec } from './app-schema.js';

export type KeyApply = 'live' | 'process' | 'scale';

/** Per key: how a change applies, and what takes it (for the docs). */
export const SPEC_KEY_APPLY = {
  name: ['process', 'apps are matched by name: another name is another app'],
  namespace: ['live', 'targets and lists read it'],
  script: ['process', 'part of the command line'],
  args: ['process', 'part of the command line'],
  interpreter: ['process', 'part of the command line'],
  interpreter_args: ['process', 'part of the command line'],
  command: ['process', 'the command line itself'],
  shell: ['process', 'part of the command line'],
  cwd: ['process', "the process's working folder"],
  env: ['process', "the process's environment"],
  env_file: ['process', "its variables are in the process's environment"],
  base_env: ['process', "the process's environment (the shell's, taken with --update-env)"],
  env_name: ['live', 'a record: what it selects shows in env'],
  instance_var: ['process', "the process's environment"],
  increment_var: ['process', "the process's environment"],
  exec_mode: ['process', 'how processes are forked'],
  exec_mode_reason: ['live', 'a record for people'],
  cluster_requested: ['live', 'a record (start and scale warnings)'],
  listen: ['process', 'sockets passed to the process at spawn'],
  shutdown_with_message: ['process', 'the IPC channel is opened at spawn'],
  wait_ready: ['process', 'the IPC channel is opened at spawn'],
  ready_log_line: ['process', "the scanner sits in the process's stdout pipe from spawn"],
  source_file: ['live', 'a record'],
  instances: ['scale', 'instances are started or stopped to match; the others keep running'],
  autostart: ['live', 'read when the file is started'],
  depends_on: ['live', 'read at the next start'],
  autorestart: ['live', 'the restart policy reads it at the next exit'],
  stop_exit_codes: ['live', 'the restart policy reads it at the next exit'],
  max_restarts: ['live', 'the restart policy reads it at the next exit'],
  min_uptime: ['live', 'the restart policy reads it at the next exit; liveness grace and checks are re-armed'],
  restart_delay: ['live', 'the restart policy reads it at the next exit'],
  exp_backoff_restart_delay: ['live', 'the restart policy reads it at the next exit'],
  kill_timeout: ['live', 'read at the next stop'],
  stop_signal: ['live', 'read at the next stop'],
  out_file: ['live', 'the daemon owns the pipes: output goes to the new file from the next line'],
  error_file: ['live', 'the daemon owns the pipes: output goes to the new file from the next line'],
  log_file: ['live', 'the daemon owns the pipes: output goes to the new file from the next line'],
  merge_logs: ['live', 'the daemon owns the pipes: output goes to the new files from the next line'],
  time: ['live', 'the next line is formatted with it'],
  log_date_format: ['live', 'the next line is formatted with it'],
  log_type: ['live', 'the next line is formatted with it'],
  log_max_size: ['live', "the app's open log files rotate by it"],
  log_max_files: ['live', "the app's open log files rotate by it"],
  log_max_age: ['live', "the app's open log files rotate by it"],
  log_compress: ['live', "the app's open log files rotate by it"],
  log_full_policy: ['live', "the app's open log files follow it"],
  log_file_mode: ['live', 'log files created from now on get it'],
  max_memory_restart: ['live', "the monitor reads it at its next sample"],
  watch: ['live', 'the watcher is re-armed'],
  ignore_watch: ['live', 'the watcher is re-armed'],
  watch_delay: ['live', 'the watcher is re-armed'],
  cron_restart: ['live', 'the schedule is re-armed'],
  pid_file: ['live', 'the watcher (which ignores it) is re-armed'],
  listen_timeout: ['live', 'read at the next start'],
  readiness_probe: ['live', "the running instances' checks are replaced (probe state starts afresh)"],
  image: ['live', 'export only: the daemon does not read it'],
  liveness_probe: ['live', "the running instances' checks are replaced (probe state starts afresh; initial_delay counts from now)"],
} as const satisfies { [K in keyof Required<AppSpec>]: readonly [KeyApply, string] };

/** How a change of `key` (a key of the resolved app) applies; an unknown key needs new processes. */
export function keyApplyOf(key: string): KeyApply {
  return Object.hasOwn(SPEC_KEY_APPLY, key) ? SPEC_KEY_APPLY[key as keyof typeof SPEC_KEY_APPLY][0] : 'process';
}
