// An entry after validation and alias normalisation: the shapes the schema allows, canonical keys only.
export type DurationValue = number | string;
export type EnvValues = Record<string, string | number | boolean>;

/** A readiness or liveness probe as written (process-compose field names). */
export interface ProbeEntry {
  http_get?: { url?: string; scheme?: 'http' | 'https'; host?: string; port?: number; path?: string; headers?: Record<string, string>; status_code?: number };
  tcp_socket?: { host?: string; port: number };
  exec?: { command: string };
  initial_delay?: DurationValue;
  period?: DurationValue;
  timeout?: DurationValue;
  failure_threshold?: number;
  success_threshold?: number;
}

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
  instance_var?: string;
  listen?: string | string[];
  shutdown_with_message?: boolean;
  increment_var?: string;
  autorestart?: boolean;
  autostart?: boolean;
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
  log_max_size?: number | string;
  log_max_files?: number;
  log_max_age?: DurationValue;
  log_compress?: boolean;
  log_full_policy?: 'block' | 'drop';
  log_file_mode?: string | number;
  max_memory_restart?: number | string;
  watch?: boolean | string | string[];
  ignore_watch?: string | string[];
  watch_delay?: DurationValue;
  cron_restart?: string;
  wait_ready?: boolean;
  listen_timeout?: DurationValue;
  ready_log_line?: string;
  readiness_probe?: ProbeEntry;
  liveness_probe?: ProbeEntry;
  depends_on?: Record<string, 'healthy' | 'started' | 'completed'>;
  pid_file?: string;
  image?: string;
}

/** `env_<name>` blocks are read by name, so they are not listed above. */
export function envBlock(entry: CanonicalEntry, envName: string): EnvValues | undefined {
  return (entry as unknown as Record<string, EnvValues | undefined>)[`env_${envName}`];
}
