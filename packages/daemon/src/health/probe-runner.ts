// Runs one probe on a schedule: the first check after initial_delay, then one every period after the previous
// one finished (checks never overlap). Counts consecutive results; thresholds turn them into passing/failing.
import type { CheckState, ProbeSpec } from '@svctl/protocol';
import type { OsSeam, TimerHandle } from '../os/seam.js';
import { describeProbe, runCheck, type CheckResult, type ExecContext } from './checks.js';

export type ProbeKind = CheckState['kind'];

export class ProbeRunner {
  readonly #kind: ProbeKind;
  readonly #probe: ProbeSpec;
  readonly #context: ExecContext;
  readonly #os: Pick<OsSeam, 'setTimeout' | 'clearTimeout' | 'now'>;
  readonly #onResult: (runner: ProbeRunner, result: CheckResult) => void;
  /** Bumped by start/stop, so a check that finishes after a stop is ignored. */
  #generation = 0;
  #timer: TimerHandle | null = null;
  #state: CheckState;

  constructor(kind: ProbeKind, probe: ProbeSpec, context: ExecContext, os: Pick<OsSeam, 'setTimeout' | 'clearTimeout' | 'now'>, onResult: (runner: ProbeRunner, result: CheckResult) => void) {
    this.#kind = kind;
    this.#probe = probe;
    this.#context = context;
    this.#os = os;
    this.#onResult = onResult;
    this.#state = freshState(kind, describeProbe(probe), 'idle');
  }

  get probe(): ProbeSpec {
    return this.#probe;
  }

  get state(): CheckState {
    return { ...this.#state };
  }

  start(): void {
    this.stop();
    this.#state = freshState(this.#kind, this.#state.check, 'pending');
    this.#schedule(this.#generation, this.#probe.initial_delay);
  }

  stop(): void {
    this.#generation += 1;
    if (this.#timer !== null) this.#os.clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#state.state === 'pending') this.#state = { ...this.#state, state: 'idle' };
  }

  #schedule(generation: number, delayMs: number): void {
    this.#timer = this.#os.setTimeout(() => {
      this.#timer = null;
      runCheck(this.#probe, this.#context).then(
        (result) => this.#record(generation, result),
        (error: unknown) => this.#record(generation, { ok: false, result: String(error) }),
      );
    }, delayMs);
  }

  #record(generation: number, result: CheckResult): void {
    if (generation !== this.#generation) return;
    const at = new Date(this.#os.now()).toISOString();
    const previous = this.#state;
    const successes = result.ok ? previous.consecutive_successes + 1 : 0;
    const failures = result.ok ? 0 : previous.consecutive_failures + 1;
    let state = previous.state;
    if (successes >= this.#probe.success_threshold) state = 'passing';
    else if (failures >= this.#probe.failure_threshold) state = 'failing';
    this.#state = {
      ...previous,
      state,
      consecutive_successes: successes,
      consecutive_failures: failures,
      total_failures: previous.total_failures + (result.ok ? 0 : 1),
      last_checked_at: at,
      last_success_at: result.ok ? at : previous.last_success_at,
      first_success_at: previous.first_success_at ?? (result.ok ? at : null),
      last_result: result.result,
    };
    this.#schedule(generation, this.#probe.period);
    this.#onResult(this, result);
  }
}

export function freshState(kind: ProbeKind, check: string, state: CheckState['state']): CheckState {
  return {
    kind,
    check,
    state,
    consecutive_successes: 0,
    consecutive_failures: 0,
    total_failures: 0,
    last_checked_at: null,
    last_success_at: null,
    first_success_at: null,
    last_result: null,
  };
}
