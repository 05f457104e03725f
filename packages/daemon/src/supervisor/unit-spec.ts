// Maps an app's resolved spec to what one supervised instance needs.
import type { AppSpec } from '@svctl/protocol';
import type { UnitSpec } from '../lifecycle/unit.js';

/** The child's environment: the CLI's environment, the app's own variables, then svctl's. */
export function instanceEnv(spec: AppSpec, instance: number): Record<string, string> {
  return {
    ...spec.base_env,
    ...spec.env,
    SVCTL_APP_NAME: spec.name,
    SVCTL_INSTANCE: String(instance),
    // pm2 compatibility: apps written for pm2 read this.
    NODE_APP_INSTANCE: String(instance),
  };
}

export function toUnitSpec(spec: AppSpec, instance: number): UnitSpec {
  return {
    name: spec.name,
    command: spec.command,
    cwd: spec.cwd,
    env: instanceEnv(spec, instance),
    shell: spec.shell,
    autorestart: spec.autorestart,
    stop_exit_codes: spec.stop_exit_codes,
    max_restarts: spec.max_restarts,
    min_uptime: spec.min_uptime,
    restart_delay: spec.restart_delay,
    exp_backoff_restart_delay: spec.exp_backoff_restart_delay,
    kill_timeout: spec.kill_timeout,
    stop_signal: spec.stop_signal,
  };
}
