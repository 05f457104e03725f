import type { AppSpec } from '@svctl/protocol';

/** A complete resolved spec, as the daemon stores it in the dump and the journal. */
export function specFor(name: string, env: Record<string, string> = {}): AppSpec {
  return {
    name,
    namespace: 'default',
    script: 'sleep',
    args: ['3600'],
    interpreter: null,
    interpreter_args: [],
    command: ['sleep', '3600'],
    shell: false,
    cwd: '/tmp',
    env,
    base_env: { PATH: '/usr/bin:/bin' },
    env_name: null,
    instances: 1,
    autorestart: true,
    stop_exit_codes: [],
    max_restarts: 16,
    min_uptime: 1000,
    restart_delay: null,
    exp_backoff_restart_delay: null,
    kill_timeout: 5000,
    stop_signal: 'SIGTERM',
    source_file: null,
    cluster_requested: false,
  } as AppSpec;
}
