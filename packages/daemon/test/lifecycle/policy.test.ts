import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  countersOnRequest,
  decideAfterEnd,
  DEFAULT_RESTART_RULES,
  exitCause,
  FRESH_COUNTERS,
  type AfterEndInput,
  type ExitDecision,
  type ExitFacts,
  type RestartCounters,
  type RestartRules,
} from '../../src/lifecycle/policy.js';

const CRASH: ExitFacts = { code: 1, signal: null };

/** Runs a crash (or failure) loop on a fake clock: each run lives `uptimeMs(run, msSinceFirstStart)`, then waits the decided delay. */
function simulateCrashLoop(rules: RestartRules, uptimeMs: (run: number, elapsedMs: number) => number, maxRuns = 200, cause: AfterEndInput['cause'] = 'crash') {
  let now = 1_000_000;
  let counters: RestartCounters = FRESH_COUNTERS;
  const delays: number[] = [];
  for (let run = 0; run < maxRuns; run += 1) {
    const startedAt = now;
    now += uptimeMs(run, now - 1_000_000);
    const decision = decideAfterEnd({ rules, counters, cause, exit: CRASH, started_at: startedAt }, now);
    counters = decision.counters;
    if (decision.action !== 'restart') return { decision, delays, elapsedMs: now - 1_000_000 };
    delays.push(decision.delayMs);
    now += decision.delayMs;
  }
  return { decision: null, delays, elapsedMs: now - 1_000_000 };
}

function decideOnce(rules: Partial<RestartRules>, exit: ExitFacts, uptimeMs: number, counters = FRESH_COUNTERS): ExitDecision {
  return decideAfterEnd({ rules: { ...DEFAULT_RESTART_RULES, ...rules }, counters, cause: exitCause(exit), exit, started_at: 0 }, uptimeMs);
}

describe('decideAfterEnd: whether to restart', () => {
  const cases: { name: string; rules: Partial<RestartRules>; exit: ExitFacts; action: ExitDecision['action']; reason?: RegExp }[] = [
    { name: 'unexpected exit restarts', rules: {}, exit: CRASH, action: 'restart' },
    { name: 'exit 0 restarts too (like pm2)', rules: {}, exit: { code: 0, signal: null }, action: 'restart' },
    { name: 'killed by a signal restarts', rules: { stop_exit_codes: [0] }, exit: { code: null, signal: 'SIGKILL' }, action: 'restart' },
    { name: 'autorestart false stops', rules: { autorestart: false }, exit: CRASH, action: 'stop', reason: /autorestart is off/ },
    { name: 'code in stop_exit_codes stops', rules: { stop_exit_codes: [0, 3] }, exit: { code: 3, signal: null }, action: 'stop', reason: /exit code 3 is in stop_exit_codes/ },
    { name: 'code not in stop_exit_codes restarts', rules: { stop_exit_codes: [0] }, exit: CRASH, action: 'restart' },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const decision = decideOnce(c.rules, c.exit, 5000);
      assert.equal(decision.action, c.action);
      if (c.reason !== undefined && decision.action !== 'restart') assert.match(decision.detail, c.reason);
    });
  }
});

describe('decideAfterEnd: delays', () => {
  const cases: { name: string; rules: Partial<RestartRules>; uptime: (run: number) => number; delays: number[] }[] = [
    {
      name: 'defaults: first restart immediate, then pm2 progression from 100 ms while unstable',
      rules: { max_restarts: 6 },
      uptime: () => 10,
      delays: [0, 100, 150, 225, 337, 505],
    },
    {
      name: 'defaults: a stable run restarts immediately every time',
      rules: { max_restarts: 3 },
      uptime: (run) => (run < 5 ? 2000 : 10),
      delays: [0, 0, 0, 0, 0, 0, 100, 150],
    },
    { name: 'restart_delay is used as is', rules: { restart_delay: 250, max_restarts: 3 }, uptime: () => 10, delays: [250, 250, 250] },
    {
      name: 'exp_backoff: configured value first, then ×1.5 floored',
      rules: { exp_backoff_restart_delay: 100, max_restarts: 5 },
      uptime: () => 10,
      delays: [100, 150, 225, 337, 505],
    },
    {
      name: 'exp_backoff overrides restart_delay',
      rules: { exp_backoff_restart_delay: 100, restart_delay: 5000, max_restarts: 3 },
      uptime: () => 10,
      delays: [100, 150, 225],
    },
    {
      name: 'exp_backoff keeps growing across stable runs shorter than 30 s',
      rules: { exp_backoff_restart_delay: 1000, max_restarts: 3 },
      uptime: () => 5000,
      delays: [1000, 1500, 2250, 3375, 5062],
    },
    {
      name: 'exp_backoff resets to the configured value after a run of 30 s',
      rules: { exp_backoff_restart_delay: 1000 },
      uptime: (run) => (run === 3 ? 30_000 : 5000),
      delays: [1000, 1500, 2250, 1000, 1500],
    },
    {
      name: 'exp_backoff is capped at 15 s',
      rules: { exp_backoff_restart_delay: 8000, max_restarts: 100 },
      uptime: () => 10,
      delays: [8000, 12000, 15000, 15000],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const { delays } = simulateCrashLoop({ ...DEFAULT_RESTART_RULES, ...c.rules }, c.uptime, c.delays.length);
      assert.deepEqual(delays, c.delays);
    });
  }
});

describe('decideAfterEnd: unstable restarts (consecutive, reset by a stable run)', () => {
  test('gives up on the unstable exit after max_restarts unstable restarts', () => {
    const { decision, delays } = simulateCrashLoop({ ...DEFAULT_RESTART_RULES, max_restarts: 3 }, () => 10);
    assert.equal(delays.length, 3);
    assert.equal(decision?.action, 'give_up');
    assert.match(decision?.action === 'give_up' ? decision.detail : '', /^too many unstable restarts \(3 within 0\.3s, each run shorter than min_uptime 1000ms\)$/);
    assert.equal(decision?.counters.unstable_restarts, 3);
  });

  test('a run of at least min_uptime resets the count', () => {
    const uptimes = [10, 10, 1000, 10, 10, 10];
    const { decision, delays } = simulateCrashLoop({ ...DEFAULT_RESTART_RULES, max_restarts: 3 }, (run) => uptimes[run] ?? 10);
    assert.deepEqual(delays, [0, 100, 0, 0, 100, 150]);
    assert.equal(decision?.action, 'give_up');
  });

  test('marks restarts after a short run as unstable', () => {
    const short = decideOnce({}, CRASH, 999);
    const long = decideOnce({}, CRASH, 1000);
    assert.ok(short.action === 'restart' && short.unstable && short.counters.unstable_restarts === 1);
    assert.ok(long.action === 'restart' && !long.unstable && long.counters.unstable_restarts === 0);
  });

  test('with defaults, an app crashing instantly is restarted for more than 10 s, then errors', () => {
    const { decision, delays, elapsedMs } = simulateCrashLoop(DEFAULT_RESTART_RULES, () => 50);
    assert.equal(decision?.action, 'give_up');
    assert.equal(delays.length, 16);
    assert.ok(elapsedMs > 10_000, `gave up after only ${elapsedMs} ms`);
    assert.equal(delays.at(-1), 15_000);
  });

  test('with defaults, an app whose database is down for 10 s recovers without erroring', () => {
    const { decision, delays } = simulateCrashLoop(DEFAULT_RESTART_RULES, (_run, elapsedMs) => (elapsedMs < 10_000 ? 50 : 60_000), 30);
    assert.equal(decision, null);
    assert.deepEqual(delays.slice(-3), [0, 0, 0]);
  });
});

describe('CAUSE_RULES: every restart cause is a row of the policy', () => {
  const rules = (overrides: Partial<RestartRules> = {}): RestartRules => ({ ...DEFAULT_RESTART_RULES, ...overrides });

  for (const cause of ['memory', 'liveness'] as const) {
    test(`${cause} within min_uptime counts as unstable: errored after max_restarts, with delays growing from the first`, () => {
      const { decision, delays } = simulateCrashLoop(rules({ min_uptime: 30_000, max_restarts: 3 }), () => 500, 200, cause);
      assert.deepEqual(delays, [100, 150, 225]);
      assert.equal(decision?.action, 'give_up');
    });

    test(`${cause} after min_uptime does not count, yet backs off with defaults (no full-speed loop)`, () => {
      const { decision, delays } = simulateCrashLoop(rules(), () => 2000, 14, cause);
      assert.equal(decision, null, 'never gives up');
      assert.deepEqual(delays.slice(0, 4), [100, 150, 225, 337]);
      assert.equal(delays.at(-1), 15_000);
    });

    test(`${cause} after a run of 30 s starts the backoff over`, () => {
      const { delays } = simulateCrashLoop(rules(), (run) => (run === 3 ? 30_000 : 2000), 5, cause);
      assert.deepEqual(delays, [100, 150, 225, 100, 150]);
    });
  }

  test('readiness_timeout counts as unstable however long the start took', () => {
    const { decision, delays } = simulateCrashLoop(rules({ max_restarts: 2 }), () => 60_000, 200, 'readiness_timeout');
    assert.equal(delays.length, 2);
    assert.equal(decision?.action, 'give_up');
  });

  test('stop_exit_codes apply to exits on their own, not to failure stops', () => {
    const input = { rules: rules({ stop_exit_codes: [0] }), counters: FRESH_COUNTERS, exit: { code: 0, signal: null }, started_at: 0 };
    assert.equal(decideAfterEnd({ ...input, cause: 'clean_exit' }, 5000).action, 'stop');
    assert.equal(decideAfterEnd({ ...input, cause: 'memory' }, 5000).action, 'restart');
  });

  test('a user start, restart, reload or scale gives a fresh chance; watch and cron neither count nor reset', () => {
    const streak: RestartCounters = { unstable_restarts: 2, unstable_since: 1000, prev_delay_ms: 150 };
    for (const cause of ['user_start', 'user_restart', 'reload', 'scale', 'resurrect', 'daemon_recovery'] as const) {
      assert.deepEqual(countersOnRequest(cause, streak), FRESH_COUNTERS, cause);
    }
    for (const cause of ['watch', 'cron'] as const) assert.deepEqual(countersOnRequest(cause, streak), streak, cause);
  });
});
