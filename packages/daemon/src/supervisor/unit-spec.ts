// Maps an app's resolved spec to what one supervised instance needs.
import type { AppSpec } from '@svctl/protocol';
import type { UnitSpec } from '../lifecycle/unit.js';

/** The child's environment: the CLI's environment, the app's own variables, then svctl's. */
export function instanceEnv(spec: AppSpec, instance: number): Record<string, string> {
  return {
    ...spec.base_env,
    ...spec.env,
    ...incremented(spec, instance),
    SVCTL_APP_NAME: spec.name,
    SVCTL_INSTANCE: String(instance),
    // pm2 compatibility: apps written for pm2 read these.
    NODE_APP_INSTANCE: String(instance),
    ...(spec.instance_var === undefined ? {} : { [spec.instance_var]: String(instance) }),
  };
}

// pm2's increment_var: PORT 3000 gives instance 0 port 3000, instance 1 port 3001... A value that is not
// an integer is left as it is.
function incremented(spec: AppSpec, instance: number): Record<string, string> {
  const name = spec.increment_var;
  if (name === undefined) return {};
  const value = spec.env[name] ?? spec.base_env[name];
  if (value === undefined || !/^\s*-?\d+\s*$/.test(value)) return {};
  return { [name]: String(Number.parseInt(value, 10) + instance) };
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
    ...(spec.shutdown_with_message === true ? { shutdown_with_message: true } : {}),
  };
}
