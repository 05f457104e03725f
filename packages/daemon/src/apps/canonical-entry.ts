// An entry after validation and alias normalisation: the shapes the schema allows, canonical keys only.
export type DurationValue = number | string;
export type EnvValues = Record<string, string | number | boolean>;

export interface CanonicalEntry {
  name?: string;
  script: string;
  args?: string | string[];
  interpreter?: string;
  interpreter_args?: string | string[];
  cwd?: string;
  namespace?: string;
  env?: EnvValues;
  env_file?: string;
  instances?: number | string;
  exec_mode?: 'fork' | 'cluster' | 'fork_mode' | 'cluster_mode';
  autorestart?: boolean;
  stop_exit_codes?: number | number[];
  max_restarts?: number;
  min_uptime?: DurationValue;
  restart_delay?: DurationValue;
  exp_backoff_restart_delay?: DurationValue;
  kill_timeout?: DurationValue;
  stop_signal?: string;
  shell?: boolean;
  out_file?: string;
  error_file?: string;
  log_file?: string | boolean;
  merge_logs?: boolean;
  time?: boolean;
  log_date_format?: string | false;
  log_type?: 'json' | 'raw';
  max_memory_restart?: number | string;
  watch?: boolean | string | string[];
  ignore_watch?: string | string[];
  watch_delay?: DurationValue;
  cron_restart?: string;
  wait_ready?: boolean;
  listen_timeout?: DurationValue;
  pid_file?: string;
}

/** `env_<name>` blocks are read by name, so they are not listed above. */
export function envBlock(entry: CanonicalEntry, envName: string): EnvValues | undefined {
  return (entry as unknown as Record<string, EnvValues | undefined>)[`env_${envName}`];
}
