// The readiness and liveness checks of one instance, run by run: the RunChecks its lifecycle unit drives.
// Readiness: the first of process.send('ready') (wait_ready), a ready_log_line on stdout, or the readiness
// probe passing makes a starting instance online; afterwards the probe keeps reporting ready/not_ready.
// Liveness: once the instance is ready (online after a readiness signal, or min_uptime after online without
// one), then after its initial_delay; failure_threshold consecutive failures restart the instance (reason liveness).
import type { Transform } from 'node:stream';
import type { AppSpec, CheckState, Health } from '@svctl/protocol';
import type { RunChecks, RunSignals } from '../lifecycle/unit.js';
import type { OsSeam, SpawnedChild, TimerHandle } from '../os/seam.js';
import type { CheckResult, ExecContext } from './checks.js';
import { LineScanner } from './line-scanner.js';
import { freshState, ProbeRunner } from './probe-runner.js';

/** pm2's listen_timeout default (GRACEFUL_LISTEN_TIMEOUT). */
export const DEFAULT_LISTEN_TIMEOUT_MS = 3000;

/** Whether the app has anything for InstanceChecks to do. */
export function hasChecks(spec: AppSpec): boolean {
  return spec.wait_ready === true || spec.ready_log_line !== undefined || spec.readiness_probe !== undefined || spec.liveness_probe !== undefined;
}

/** listen_timeout, or by default 3 s, or long enough for the readiness probe to fail failure_threshold times. */
export function readyTimeoutOf(spec: AppSpec): number {
  if (spec.listen_timeout !== undefined) return spec.listen_timeout;
  const probe = spec.readiness_probe;
  if (probe === undefined) return DEFAULT_LISTEN_TIMEOUT_MS;
  return Math.max(DEFAULT_LISTEN_TIMEOUT_MS, probe.initial_delay + probe.period * probe.failure_threshold + probe.timeout);
}

export interface InstanceChecksOptions {
  spec: AppSpec;
  /** Where exec probes run, with the instance's environment. */
  context: ExecContext;
  os: Pick<OsSeam, 'setTimeout' | 'clearTimeout' | 'now'>;
  /** Called whenever the health summary may have changed (dependency waits re-check). */
  onChange: () => void;
}

export class InstanceChecks implements RunChecks {
  readonly awaitsReady: boolean;
  readonly readyTimeoutMs: number;
  readonly ipc: boolean;
  readonly #spec: AppSpec;
  readonly #os: InstanceChecksOptions['os'];
  readonly #onChange: () => void;
  readonly #readiness: ProbeRunner | null;
  readonly #liveness: ProbeRunner | null;
  /** Readiness signals other than the probe (IPC message, log line), as check states for describe. */
  #signalChecks: CheckState[] = [];
  #signals: RunSignals | null = null;
  #ready = false;
  /** Without a readiness signal: the wait (min_uptime) before liveness checks begin. */
  #livenessGrace: TimerHandle | null = null;

  constructor(options: InstanceChecksOptions) {
    const { spec } = options;
    this.#spec = spec;
    this.#os = options.os;
    this.#onChange = options.onChange;
    this.ipc = spec.wait_ready === true;
    this.awaitsReady = spec.wait_ready === true || spec.ready_log_line !== undefined || spec.readiness_probe !== undefined;
    this.readyTimeoutMs = readyTimeoutOf(spec);
    const onResult = (runner: ProbeRunner, result: CheckResult) => this.#onProbeResult(runner, result);
    this.#readiness = spec.readiness_probe === undefined ? null : new ProbeRunner('readiness', spec.readiness_probe, options.context, options.os, onResult);
    this.#liveness = spec.liveness_probe === undefined ? null : new ProbeRunner('liveness', spec.liveness_probe, options.context, options.os, onResult);
    this.#signalChecks = this.#freshSignalChecks('idle');
  }

  begin(child: SpawnedChild, signals: RunSignals): Transform | null {
    this.end();
    this.#signals = signals;
    this.#ready = false;
    this.#signalChecks = this.#freshSignalChecks('pending');
    if (this.ipc) child.onMessage?.((message) => {
      if (isReadyMessage(message)) this.#markReady('ready message', 'ready message (IPC)');
    });
    this.#readiness?.start();
    this.#onChange();
    const line = this.#spec.ready_log_line;
    return line === undefined ? null : new LineScanner(line, () => this.#markReady('log line', `ready_log_line ${JSON.stringify(line)}`));
  }

  online(): void {
    // Without readiness checks, online is as ready as the instance gets; liveness waits until the run is stable.
    if (this.awaitsReady) this.#liveness?.start();
    else {
      this.#ready = true;
      if (this.#liveness !== null) this.#livenessGrace = this.#os.setTimeout(() => this.#startLiveness(), this.#spec.min_uptime);
    }
    this.#onChange();
  }

  resume(signals: RunSignals): void {
    this.end();
    this.#signals = signals;
    this.#ready = true;
    this.#signalChecks = this.#freshSignalChecks('passing');
    this.#readiness?.start();
    this.#liveness?.start();
    this.#onChange();
  }

  end(): void {
    if (this.#signals === null) return;
    this.#signals = null;
    this.#cancelGrace();
    this.#readiness?.stop();
    this.#liveness?.stop();
    this.#signalChecks = this.#signalChecks.map((check) => (check.state === 'pending' ? { ...check, state: 'idle' } : check));
    this.#onChange();
  }

  #startLiveness(): void {
    this.#livenessGrace = null;
    this.#liveness?.start();
    this.#onChange();
  }

  #cancelGrace(): void {
    if (this.#livenessGrace !== null) this.#os.clearTimeout(this.#livenessGrace);
    this.#livenessGrace = null;
  }

  summary(): { health: Health | null; checks: CheckState[] } {
    const checks = [...this.#signalChecks, ...[this.#readiness, this.#liveness].flatMap((runner) => (runner === null ? [] : [runner.state]))];
    return { health: this.health, checks };
  }

  /** The summary's health alone (every list row shows it). */
  get health(): Health | null {
    return this.#signals === null ? null : this.#health();
  }

  #health(): Health {
    const liveness = this.#liveness?.state;
    if (liveness !== undefined && liveness.consecutive_failures > 0) return 'unhealthy';
    const readinessFailing = this.#readiness?.state.state === 'failing';
    if (this.awaitsReady && (!this.#ready || readinessFailing)) return 'not_ready';
    if (liveness?.state === 'passing') return 'healthy';
    return this.awaitsReady ? 'ready' : 'unknown';
  }

  #markReady(how: string, check: string): void {
    if (this.#signals === null) return;
    const at = new Date(this.#os.now()).toISOString();
    this.#signalChecks = this.#signalChecks.map((state) =>
      state.check === check
        ? { ...state, state: 'passing', consecutive_successes: 1, last_checked_at: at, last_success_at: at, first_success_at: state.first_success_at ?? at, last_result: 'ready' }
        : state,
    );
    this.#ready = true;
    this.#signals.ready(how);
    this.#onChange();
  }

  #onProbeResult(runner: ProbeRunner, result: CheckResult): void {
    const signals = this.#signals;
    if (signals === null) return;
    const state = runner.state;
    if (runner === this.#readiness && state.state === 'passing' && !this.#ready) {
      this.#markReady('readiness probe', state.check);
      return;
    }
    if (runner === this.#liveness && state.consecutive_failures >= runner.probe.failure_threshold) {
      runner.stop();
      signals.unhealthy(`${state.consecutive_failures} consecutive failures of ${state.check} (last: ${result.result})`);
    }
    this.#onChange();
  }

  #freshSignalChecks(state: CheckState['state']): CheckState[] {
    const checks: CheckState[] = [];
    if (this.ipc) checks.push(freshState('readiness', 'ready message (IPC)', state));
    if (this.#spec.ready_log_line !== undefined) checks.push(freshState('readiness', `ready_log_line ${JSON.stringify(this.#spec.ready_log_line)}`, state));
    return checks;
  }
}

// pm2 apps send the string 'ready'; { type: 'ready' } is accepted too.
function isReadyMessage(message: unknown): boolean {
  return message === 'ready' || (typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'ready');
}
