// Honest start results: after a verb started instances, each is watched until it has run min_uptime (for
// apps with readiness, the start already waited to be ready), at most SETTLE_LIMIT_MS. The instances that
// crashed, failed to spawn, were not ready in time or errored meanwhile make the app's outcome failed,
// with their exit and last stderr lines. An exit with code 0 is no failure (a job that is done).
import type { AppOutcome, InstanceFailure, ReasonCode, TransitionEvent } from '@svctl/protocol';
import type { Unit } from '../lifecycle/unit.js';
import type { OsSeam, TimerHandle } from '../os/seam.js';
import type { EventListener } from './event-bus.js';

/** What settling reads of an app (a ManagedApp). */
export interface SettlingApp {
  readonly name: string;
  readonly spec: { readonly min_uptime: number };
  readonly units: readonly Unit[];
}

/** The longest a verb waits for its instances to settle. */
export const SETTLE_LIMIT_MS = 10_000;
const STDERR_LINES = 5;
/** How long a failed run's last stderr lines may take to reach the log ring after its exit. */
const STDERR_GRACE_MS = 1000;
const STDERR_POLL_MS = 50;
const STDERR_QUIET_POLLS = 3;

const FAILURE_REASONS: ReadonlySet<ReasonCode> = new Set(['crash', 'spawn_failed', 'readiness_timeout', 'liveness', 'memory']);

/** The outcomes whose app had instances started by the verb. */
const STARTING_ACTIONS: ReadonlySet<AppOutcome['action']> = new Set(['started', 'updated_and_started', 'restarted', 'reloaded', 'updated', 'scaled']);

export interface SettleContext {
  os: Pick<OsSeam, 'now' | 'setTimeout' | 'clearTimeout'>;
  subscribe: (listener: EventListener) => () => void;
  /** The last stderr lines an instance wrote at or after `since` (epoch ms). */
  recentErrors: (app: string, instance: number, count: number, since: number) => string[];
  lookup: (id: number) => SettlingApp | undefined;
}

/** The outcomes, those whose instances failed since `since` marked failed; with `wait`, after watching them settle. */
export function settleOutcomes(outcomes: readonly AppOutcome[], since: number, wait: boolean, context: SettleContext): Promise<AppOutcome[]> {
  return Promise.all(
    outcomes.map(async (outcome) => {
      const app = context.lookup(outcome.id);
      if (app === undefined || !STARTING_ACTIONS.has(outcome.action)) return outcome;
      const units = [...app.units];
      if (wait) await Promise.all(units.map((unit) => watch(app, unit, since, context)));
      const failed = units.filter((unit) => lastFailure(unit, since) !== undefined);
      if (failed.length === 0) return outcome;
      return { ...outcome, failed: true, failures: await Promise.all(failed.map((unit) => describeFailure(app, unit, since, context))) };
    }),
  );
}

// Resolves once the instance failed, has run `min_uptime`, stopped without failing, or the limit passed.
function watch(app: SettlingApp, unit: Unit, since: number, context: SettleContext): Promise<void> {
  const window = Math.min(app.spec.min_uptime, SETTLE_LIMIT_MS);
  const deadline = since + SETTLE_LIMIT_MS;
  return new Promise((resolve) => {
    let timer: TimerHandle | null = null;
    const check = (): void => {
      if (timer !== null) context.os.clearTimeout(timer);
      timer = null;
      const wait = stillToWatch(unit, since, window, deadline, context.os.now());
      if (wait > 0) {
        timer = context.os.setTimeout(check, wait);
        return;
      }
      unsubscribe();
      resolve();
    };
    const unsubscribe = context.subscribe((event) => {
      if (event.app === app.name && event.instance === unit.instance) check();
    });
    check();
  });
}

/** Milliseconds to keep watching; 0 when the instance is settled. */
function stillToWatch(unit: Unit, since: number, window: number, deadline: number, now: number): number {
  if (now >= deadline || lastFailure(unit, since) !== undefined) return 0;
  const { status, uptime_ms } = unit.snapshot();
  if (status === 'online') return Math.max(0, Math.min(window - uptime_ms, deadline - now));
  // Stopped without a failure: it exited as a job does (autorestart off, stop_exit_codes), or waits for its dependencies.
  if (status === 'stopped') return 0;
  // Starting (not ready yet), waiting to restart after a clean exit, stopping: the next transition tells.
  return deadline - now;
}

function lastFailure(unit: Unit, since: number): TransitionEvent | undefined {
  return unit
    .snapshot()
    .history.filter((event) => Date.parse(event.at) >= since && (FAILURE_REASONS.has(event.reason) || event.to === 'errored'))
    .at(-1);
}

async function describeFailure(app: SettlingApp, unit: Unit, since: number, context: SettleContext): Promise<InstanceFailure> {
  const snapshot = unit.snapshot();
  const event = lastFailure(unit, since);
  const ran = snapshot.exit_code !== null || snapshot.signal !== null;
  return {
    instance: unit.instance,
    reason: event?.reason ?? 'crash',
    status: snapshot.status,
    exit_code: snapshot.exit_code,
    signal: snapshot.signal,
    detail: event?.detail ?? snapshot.detail,
    stderr: ran ? await recentStderr(app.name, unit.instance, since, context) : [],
  };
}

// The exit can come before the pipe's last chunks are captured: give the lines a moment to arrive, until
// they have stopped changing for STDERR_QUIET_POLLS polls (a first line alone is often not the last).
function recentStderr(app: string, instance: number, since: number, context: SettleContext): Promise<string[]> {
  const deadline = context.os.now() + STDERR_GRACE_MS;
  let previous = '';
  let quiet = 0;
  return new Promise((resolve) => {
    const poll = (): void => {
      const lines = context.recentErrors(app, instance, STDERR_LINES, since);
      const seen = lines.join('\n');
      quiet = lines.length > 0 && seen === previous ? quiet + 1 : 0;
      previous = seen;
      if (quiet >= STDERR_QUIET_POLLS || context.os.now() >= deadline) resolve(lines);
      else context.os.setTimeout(poll, STDERR_POLL_MS);
    };
    poll();
  });
}
