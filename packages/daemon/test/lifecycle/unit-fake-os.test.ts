// The Unit on the fake OS seam with a fake clock: the restart paths without forking or waiting.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TransitionEvent } from '@svctl/protocol';
import { DEFAULT_RESTART_RULES } from '../../src/lifecycle/policy.js';
import { Unit, type RunChecks, type RunSignals, type UnitSpec } from '../../src/lifecycle/unit.js';
import { FakeOs, settle } from '../fakes/fake-os.js';

const SPEC: UnitSpec = { ...DEFAULT_RESTART_RULES, name: 'app', command: ['app'], cwd: '/', env: {}, shell: false, kill_timeout: 1000, stop_signal: 'SIGTERM' };

/** Checks that only report what the test tells them to: online at spawn, liveness on demand. */
function livenessOnDemand() {
  let signals: RunSignals | null = null;
  const checks: RunChecks = {
    awaitsReady: false,
    readyTimeoutMs: 0,
    ipc: false,
    begin: (_child, given) => ((signals = given), null),
    online: () => undefined,
    resume: (given) => void (signals = given),
    end: () => (signals = null),
    summary: () => ({ health: null, checks: [] }),
    health: null,
  };
  return { checks, fail: () => signals?.unhealthy('3 consecutive failures of http_get http://127.0.0.1/ (last: HTTP 500)') };
}

/** The status now (a call, so TypeScript does not narrow it across the awaits that change it). */
const statusOf = (unit: Unit) => unit.status;

function fakeUnit(overrides: Partial<UnitSpec> = {}, checks?: RunChecks) {
  const os = new FakeOs();
  const events: TransitionEvent[] = [];
  const unit = new Unit({ ...SPEC, ...overrides }, 0, { os, onTransition: (event) => events.push(event), ...(checks === undefined ? {} : { checks }) });
  return { os, unit, events };
}

describe('Unit on the fake OS', () => {
  test('crash loop: delays 0, 100, 150 on the fake clock, then errored with reason crash', async () => {
    const { os, unit } = fakeUnit({ max_restarts: 3, min_uptime: 5000 });
    await unit.start('user_start');
    const delays: number[] = [];
    while (unit.status === 'online') {
      os.exit(os.latest(), { code: 1, signal: null });
      await settle();
      if (statusOf(unit) !== 'waiting') break;
      delays.push(os.pendingDelays()[0] ?? -1);
      await os.advance(delays.at(-1) ?? 0);
    }
    assert.deepEqual(delays, [0, 100, 150]);
    assert.deepEqual([unit.status, unit.snapshot().reason], ['errored', 'crash']);
  });

  test('liveness within min_uptime: a failure stop each time, backoff from the first, errored with reason liveness', async () => {
    const liveness = livenessOnDemand();
    const { os, unit, events } = fakeUnit({ max_restarts: 2, min_uptime: 30_000 }, liveness.checks);
    await unit.start('user_start');
    const delays: number[] = [];
    while (unit.status === 'online') {
      await os.advance(1000);
      liveness.fail();
      await settle();
      if (statusOf(unit) !== 'waiting') break;
      delays.push(os.pendingDelays()[0] ?? -1);
      await os.advance(delays.at(-1) ?? 0);
    }
    assert.deepEqual(delays, [100, 150]);
    assert.deepEqual([unit.status, unit.snapshot().reason], ['errored', 'liveness']);
    assert.deepEqual(os.children.map((child) => child.signals), [['SIGTERM'], ['SIGTERM'], ['SIGTERM']]);
    assert.equal(events.filter((event) => event.to === 'waiting').map((event) => event.detail).join(' | '), 'killed by SIGTERM; restart in 100ms | killed by SIGTERM; restart in 150ms');
  });

  test('a memory failure asked while the instance is not live is refused', async () => {
    const { os, unit } = fakeUnit({ restart_delay: 60_000 });
    assert.equal(unit.fail('memory', 'over'), false);
    await unit.start('user_start');
    os.exit(os.latest(), { code: 1, signal: null });
    await settle();
    assert.equal(statusOf(unit), 'waiting');
    assert.equal(unit.fail('memory', 'over'), false);
  });

  test('a user stop during a memory stop ends stopped with reason user_stop, not restarted', async () => {
    const { unit, os } = fakeUnit();
    await unit.start('user_start');
    assert.equal(unit.fail('memory', 'over'), true);
    await unit.stop('user_stop');
    await settle();
    assert.deepEqual([unit.status, unit.snapshot().reason], ['stopped', 'user_stop']);
    assert.deepEqual(os.pendingDelays(), []);
  });
});
