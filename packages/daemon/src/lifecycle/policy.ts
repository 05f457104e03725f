// The restart policy: what to do after a process exits on its own. Pure; the clock is the `now` argument.
//
// Unstable restarts: a run that lived less than `min_uptime` is unstable. `unstable_restarts` counts
// CONSECUTIVE unstable runs; any run that lives at least `min_uptime` resets it to 0 (so does a user
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

export interface AfterExitInput {
  rules: RestartRules;
  counters: RestartCounters;
  exit: ExitFacts;
  /** When the run that just ended was spawned (ms since epoch). */
  started_at: number;
}

export type ExitDecision =
  | { action: 'restart'; delayMs: number; unstable: boolean; counters: RestartCounters }
  | { action: 'stop'; reason: string; counters: RestartCounters }
  | { action: 'give_up'; reason: string; counters: RestartCounters };

/** pm2's exponential backoff: ×1.5 per step, floored, capped at 15 s. */
export const BACKOFF_CAP_MS = 15_000;
/** A run this long restarts exp_backoff_restart_delay from its configured value (pm2's EXP_BACKOFF_RESET_TIMER). */
export const BACKOFF_RESET_UPTIME_MS = 30_000;
/** Without restart_delay or exp_backoff_restart_delay, repeated unstable restarts back off from here. */
export const DEFAULT_BACKOFF_START_MS = 100;

export function describeExit(exit: ExitFacts): string {
  return exit.signal !== null ? `killed by ${exit.signal}` : `exit code ${exit.code ?? 'unknown'}`;
}

export function decideAfterExit(input: AfterExitInput, now: number): ExitDecision {
  const { rules, counters, exit } = input;
  if (!rules.autorestart) return { action: 'stop', reason: 'autorestart is off', counters };
  if (exit.code !== null && rules.stop_exit_codes.includes(exit.code)) {
    return { action: 'stop', reason: `exit code ${exit.code} is in stop_exit_codes`, counters };
  }

  const uptime = now - input.started_at;
  const unstable = uptime < rules.min_uptime;
  const unstableRestarts = unstable ? counters.unstable_restarts + 1 : 0;
  const unstableSince = unstable ? (counters.unstable_since ?? now) : null;
  if (unstableRestarts > rules.max_restarts) {
    const seconds = ((now - (unstableSince ?? now)) / 1000).toFixed(1);
    return {
      action: 'give_up',
      reason: `too many unstable restarts (${rules.max_restarts} within ${seconds}s, each run shorter than min_uptime ${rules.min_uptime}ms)`,
      counters: { unstable_restarts: rules.max_restarts, unstable_since: unstableSince, prev_delay_ms: counters.prev_delay_ms },
    };
  }

  const delayMs = chooseDelay(rules, counters.prev_delay_ms, unstableRestarts, uptime);
  return {
    action: 'restart',
    delayMs,
    unstable,
    counters: { unstable_restarts: unstableRestarts, unstable_since: unstableSince, prev_delay_ms: delayMs },
  };
}

function chooseDelay(rules: RestartRules, prevDelayMs: number, unstableRestarts: number, uptime: number): number {
  if (rules.exp_backoff_restart_delay !== null) {
    const restartOver = uptime >= BACKOFF_RESET_UPTIME_MS;
    return nextBackoff(restartOver ? 0 : prevDelayMs, rules.exp_backoff_restart_delay);
  }
  if (rules.restart_delay !== null) return rules.restart_delay;
  // Default: restart at once, and back off only from the second consecutive unstable restart.
  return unstableRestarts <= 1 ? 0 : nextBackoff(prevDelayMs, DEFAULT_BACKOFF_START_MS);
}

export function nextBackoff(prevDelayMs: number, startMs: number): number {
  return prevDelayMs <= 0 ? startMs : Math.floor(Math.min(BACKOFF_CAP_MS, prevDelayMs * 1.5));
}
