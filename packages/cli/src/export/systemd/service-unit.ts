// One instance of an app as a systemd service. The mapping of each key: key-table.ts.
import type { AppSpec } from '@svctl/protocol';
import { quoteValue } from '../../startup/systemd-quote.js';
import { socketName, targetName } from './unit-names.js';

export interface ServiceInput {
  spec: AppSpec;
  instance: number;
  execStart: string;
  /** The units of the apps it depends on. */
  dependencies: string[];
  user: string;
  /** PATH of the shell that ran the export. */
  path: string | undefined;
  /** Plain variables of this instance (the app's, plus the instance numbers). */
  environment: Record<string, string>;
  /** Absolute path of the 0600 file holding the secret-looking variables, if there are any. */
  environmentFile: string | undefined;
}

// What svctl restarts with when the app sets no delay: at once (systemd's own default is 100ms too).
const DEFAULT_RESTART_SEC = '100ms';

export function serviceUnit(input: ServiceInput): string {
  const { spec } = input;
  const socket = spec.listen === undefined ? [] : [socketName(spec.name)];
  const after = [...input.dependencies, ...socket];
  const unit = [
    `Description=${spec.name}${spec.instances > 1 ? ` instance ${input.instance}` : ''} (svctl app, namespace ${spec.namespace})`,
    `PartOf=${targetName(spec.namespace)}`,
    ...(after.length > 0 ? [`After=${after.join(' ')}`, `Requires=${after.join(' ')}`] : []),
    // pm2's unstable window: more than max_restarts quick restarts within min_uptime × max_restarts give up.
    `StartLimitIntervalSec=${spec.min_uptime * Math.max(1, spec.max_restarts)}ms`,
    `StartLimitBurst=${spec.max_restarts + 1}`,
  ];
  const delay = spec.exp_backoff_restart_delay ?? spec.restart_delay;
  const service = [
    'Type=exec',
    `User=${input.user}`,
    `WorkingDirectory=${quoteValue(spec.cwd)}`,
    ...(input.path === undefined ? [] : [`Environment=${quoteValue(`PATH=${input.path}`)}`]),
    ...Object.entries(input.environment).map(([name, value]) => `Environment=${quoteValue(`${name}=${value}`)}`),
    ...(input.environmentFile === undefined ? [] : [`EnvironmentFile=${quoteValue(input.environmentFile)}`]),
    `ExecStart=${input.execStart}`,
    ...socket.map((name) => `Sockets=${name}`),
    `Restart=${spec.autorestart ? 'always' : 'no'}`,
    `RestartSec=${delay === null ? DEFAULT_RESTART_SEC : `${delay}ms`}`,
    ...(spec.stop_exit_codes.length > 0 ? [`RestartPreventExitStatus=${spec.stop_exit_codes.join(' ')}`] : []),
    // stop_signal to the main process, then SIGKILL to whatever is left of the group after TimeoutStopSec.
    'KillMode=mixed',
    `KillSignal=${spec.stop_signal}`,
    `TimeoutStopSec=${spec.kill_timeout}ms`,
    ...(spec.max_memory_restart === undefined ? [] : [`MemoryMax=${spec.max_memory_restart}`]),
    ...logLines(spec),
  ];
  return `[Unit]\n${unit.join('\n')}\n\n[Service]\n${service.join('\n')}\n`;
}

function logLines(spec: AppSpec): string[] {
  const combined = typeof spec.log_file === 'string' ? spec.log_file : undefined;
  const out = spec.out_file ?? combined;
  const error = spec.error_file ?? combined;
  return [...(out === undefined ? [] : [`StandardOutput=${quoteValue(`append:${out}`)}`]), ...(error === undefined ? [] : [`StandardError=${quoteValue(`append:${error}`)}`])];
}
