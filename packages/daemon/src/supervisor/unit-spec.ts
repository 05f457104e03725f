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
  return new InstanceSpec(spec, instance);
}

/**
 * A unit's spec. Its environment (the CLI's, the app's and svctl's variables: often 50+ entries) is built when
 * read, at each spawn and for `svctl env`, rather than kept per instance (bench/HISTORY.md, per-app memory).
 * The app spec is never changed in place (it is replaced), so each read gives the same environment.
 */
class InstanceSpec implements UnitSpec {
  readonly name: string;
  readonly command: readonly string[];
  readonly cwd: string;
  readonly shell: boolean;
  readonly autorestart: boolean;
  readonly stop_exit_codes: readonly number[];
  readonly max_restarts: number;
  readonly min_uptime: number;
  readonly restart_delay: number | null;
  readonly exp_backoff_restart_delay: number | null;
  readonly kill_timeout: number;
  readonly stop_signal: string;
  readonly shutdown_with_message?: boolean;

  constructor(
    private readonly app: AppSpec,
    private readonly instance: number,
  ) {
    this.name = app.name;
    this.command = app.command;
    this.cwd = app.cwd;
    this.shell = app.shell;
    this.autorestart = app.autorestart;
    this.stop_exit_codes = app.stop_exit_codes;
    this.max_restarts = app.max_restarts;
    this.min_uptime = app.min_uptime;
    this.restart_delay = app.restart_delay;
    this.exp_backoff_restart_delay = app.exp_backoff_restart_delay;
    this.kill_timeout = app.kill_timeout;
    this.stop_signal = app.stop_signal;
    if (app.shutdown_with_message === true) this.shutdown_with_message = true;
  }

  get env(): Readonly<Record<string, string>> {
    return instanceEnv(this.app, this.instance);
  }
}
