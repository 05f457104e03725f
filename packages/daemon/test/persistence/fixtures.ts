import type { AppSpec } from '@svctl/protocol';
import { DEFAULT_RESTART_RULES } from '../../src/lifecycle/policy.js';

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
    ...DEFAULT_RESTART_RULES,
    stop_exit_codes: [],
    kill_timeout: 5000,
    stop_signal: 'SIGTERM',
    source_file: null,
    cluster_requested: false,
  } as AppSpec;
}
