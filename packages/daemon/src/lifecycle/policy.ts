// The restart policy: what to do after a process ends (on its own, or stopped because of a failure), and
// what a requested restart does to the counters. Pure; the clock is the `now` argument. What each cause
// does is a row of CAUSE_RULES (documented in docs/reasons.md, generated from the table).
//
// Unstable restarts: a run that lived less than `min_uptime` is unstable. `unstable_restarts` counts
// CONSECUTIVE unstable runs; an exit after a run of at least `min_uptime` resets it to 0 (so does a user
// start/restart/reset). Up to `max_restarts` unstable restarts are made; the next unstable exit gives up
// (status `errored`). No time window: pm2's window (min_uptime × max_restarts from creation) stops
// counting after 16 s, so a backed-off crash loop would never give up, and it never resets on a good run.

/** The restart rules of an app, in milliseconds. */
export interface RestartRules {
  autorestart: boolean;
  stop_exit_codes: readonly number[];
  max_restarts: number;
  min_uptime: number;
  restart_delay: number | null;
  exp_backoff_restart_delay: number | null;
}

export const DEFAULT_RESTART_RULES: RestartRules = {
  autorestart: true,
  stop_exit_codes: [],
  max_restarts: 16,
  min_uptime: 1000,
  restart_delay: null,
  exp_backoff_restart_delay: null,
};

/** What the policy remembers between runs of one instance. */
export interface RestartCounters {
  /** Consecutive unstable runs so far. */
  unstable_restarts: number;
  /** When the first run of the current unstable streak ended; null outside a streak. */
  unstable_since: number | null;
  /** The delay before the previous restart; 0 when the progression starts over. */
  prev_delay_ms: number;
}

export const FRESH_COUNTERS: RestartCounters = { unstable_restarts: 0, unstable_since: null, prev_delay_ms: 0 };

/** How a process ended: exactly one of code and signal is set. */
export interface ExitFacts {
  code: number | null;
  signal: string | null;
}

/** A process that ended on its own. */
export type ExitCause = 'crash' | 'clean_exit';
/** A live process stopped because it failed (the unit kills its group, then asks the policy). */
export type FailureCause = 'memory' | 'liveness' | 'readiness_timeout';
/** A start or restart someone asked for (a user, the loader, a trigger, the daemon itself). */
export type RequestCause = 'user_start' | 'user_restart' | 'reload' | 'scale' | 'resurrect' | 'daemon_recovery' | 'watch' | 'cron';
export type RestartCause = ExitCause | FailureCause | RequestCause;

export interface CauseRule {
  /** Whether the restart counts toward max_restarts: always, only after a run shorter than min_uptime, or never. */
  counts: 'always' | 'when_short' | 'never';
  /**
   * The delay before it: `policy` (restart_delay, exp_backoff_restart_delay, or by default at once and then
   * backoff from the second consecutive unstable restart), `backoff` (the same, but the default backs off from
   * the first restart, so a failure that comes after min_uptime still slows down), `none` (at once).
   */
  delay: 'policy' | 'backoff' | 'none';
  /** What happens to the unstable streak and the backoff otherwise: reset by a long run, reset always (a fresh chance), or kept. */
  streak: 'reset_when_long' | 'reset' | 'keep';
}

/** The per-cause table of the restart policy: every restart, whatever its cause, is decided by its row. */
export const CAUSE_RULES: Record<RestartCause, CauseRule> = {
  crash: { counts: 'when_short', delay: 'policy', streak: 'reset_when_long' },
  clean_exit: { counts: 'when_short', delay: 'policy', streak: 'reset_when_long' },
  memory: { counts: 'when_short', delay: 'backoff', streak: 'keep' },
  liveness: { counts: 'when_short', delay: 'backoff', streak: 'keep' },
  readiness_timeout: { counts: 'always', delay: 'policy', streak: 'keep' },
  user_start: { counts: 'never', delay: 'none', streak: 'reset' },
  user_restart: { counts: 'never', delay: 'none', streak: 'reset' },
  reload: { counts: 'never', delay: 'none', streak: 'reset' },
  scale: { counts: 'never', delay: 'none', streak: 'reset' },
  resurrect: { counts: 'never', delay: 'none', streak: 'reset' },
  daemon_recovery: { counts: 'never', delay: 'none', streak: 'reset' },
  watch: { counts: 'never', delay: 'none', streak: 'keep' },
  cron: { counts: 'never', delay: 'none', streak: 'keep' },
};

export interface AfterEndInput {
  rules: RestartRules;
  counters: RestartCounters;
  cause: ExitCause | FailureCause;
  exit: ExitFacts;
  /** When the run that just ended was spawned (ms since epoch). */
  started_at: number;
}

export type ExitDecision =
  | { action: 'restart'; delayMs: number; unstable: boolean; counters: RestartCounters }
  | { action: 'stop'; why: 'autorestart_off' | 'stop_exit_code'; detail: string; counters: RestartCounters }
  | { action: 'give_up'; detail: string; counters: RestartCounters };

/** pm2's exponential backoff: ×1.5 per step, floored, capped at 15 s. */
export const BACKOFF_CAP_MS = 15_000;
/** A run this long restarts the backoff from its start value (pm2's EXP_BACKOFF_RESET_TIMER). */
export const BACKOFF_RESET_UPTIME_MS = 30_000;
/** Without restart_delay or exp_backoff_restart_delay, repeated unstable restarts back off from here. */
export const DEFAULT_BACKOFF_START_MS = 100;

export function describeExit(exit: ExitFacts): string {
  return exit.signal !== null ? `killed by ${exit.signal}` : `exit code ${exit.code ?? 'unknown'}`;
}

/** A process that exited on its own crashed unless it exited with code 0. */
export function exitCause(exit: ExitFacts): ExitCause {
  return exit.code === 0 ? 'clean_exit' : 'crash';
}

/** After a run ended on its own or by a failure stop: restart (when), stop, or give up. */
export function decideAfterEnd(input: AfterEndInput, now: number): ExitDecision {
  const { rules, counters, exit, cause } = input;
  if (!rules.autorestart) return { action: 'stop', why: 'autorestart_off', detail: 'autorestart is off', counters };
  if ((cause === 'crash' || cause === 'clean_exit') && exit.code !== null && rules.stop_exit_codes.includes(exit.code)) {
    return { action: 'stop', why: 'stop_exit_code', detail: `exit code ${exit.code} is in stop_exit_codes`, counters };
  }

  const rule = CAUSE_RULES[cause];
  const uptime = now - input.started_at;
  const unstable = rule.counts === 'always' || (rule.counts === 'when_short' && uptime < rules.min_uptime);
  const resets = !unstable && rule.streak !== 'keep';
  const unstableRestarts = unstable ? counters.unstable_restarts + 1 : resets ? 0 : counters.unstable_restarts;
  const unstableSince = unstable ? (counters.unstable_since ?? now) : resets ? null : counters.unstable_since;
  if (unstableRestarts > rules.max_restarts) {
    const seconds = ((now - (unstableSince ?? now)) / 1000).toFixed(1);
    return {
      action: 'give_up',
      detail: `too many unstable restarts (${rules.max_restarts} within ${seconds}s, each run shorter than min_uptime ${rules.min_uptime}ms)`,
      counters: { unstable_restarts: rules.max_restarts, unstable_since: unstableSince, prev_delay_ms: counters.prev_delay_ms },
    };
  }

  const delayMs = chooseDelay(rules, rule.delay, counters.prev_delay_ms, unstableRestarts, uptime);
  return {
    action: 'restart',
    delayMs,
    unstable,
    counters: { unstable_restarts: unstableRestarts, unstable_since: unstableSince, prev_delay_ms: delayMs },
  };
}

/** The counters after a requested start or restart: a fresh chance, or left as they are. */
export function countersOnRequest(cause: RequestCause, counters: RestartCounters): RestartCounters {
  return CAUSE_RULES[cause].streak === 'reset' ? FRESH_COUNTERS : counters;
}

function chooseDelay(rules: RestartRules, delay: CauseRule['delay'], prevDelayMs: number, unstableRestarts: number, uptime: number): number {
  if (delay === 'none') return 0;
  const progressionOver = uptime >= BACKOFF_RESET_UPTIME_MS;
  if (rules.exp_backoff_restart_delay !== null) return nextBackoff(progressionOver ? 0 : prevDelayMs, rules.exp_backoff_restart_delay);
  if (rules.restart_delay !== null) return rules.restart_delay;
  // By default a crash restarts at once and backs off from the second consecutive unstable restart; a
  // failure stop (memory, liveness) backs off from the first, until a run lasts BACKOFF_RESET_UPTIME_MS.
  if (delay === 'backoff') return nextBackoff(progressionOver ? 0 : prevDelayMs, DEFAULT_BACKOFF_START_MS);
  return unstableRestarts <= 1 ? 0 : nextBackoff(prevDelayMs, DEFAULT_BACKOFF_START_MS);
}

export function nextBackoff(prevDelayMs: number, startMs: number): number {
  return prevDelayMs <= 0 ? startMs : Math.floor(Math.min(BACKOFF_CAP_MS, prevDelayMs * 1.5));
}
