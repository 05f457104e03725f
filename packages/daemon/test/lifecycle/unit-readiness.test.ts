// Readiness in the unit, with real children and scripted checks: start() waits for ready, a ready_timeout
// is a failed start the policy handles, and a user stop wins over a failure stop in progress.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { TransitionEvent } from '@svctl/protocol';
import { DEFAULT_RESTART_RULES } from '../../src/lifecycle/policy.js';
import { Unit, type RunChecks, type RunSignals } from '../../src/lifecycle/unit.js';
import { realOs } from '../../src/os/real-os.js';

const FIXTURES = fileURLToPath(new URL('../../../../tests/fixtures/', import.meta.url));

/** Checks the test drives by hand: `signals` is the current run's. */
function scriptedChecks(readyTimeoutMs: number) {
  const calls: string[] = [];
  let signals: RunSignals | null = null;
  const checks: RunChecks = {
    awaitsReady: true,
    readyTimeoutMs,
    ipc: false,
    begin: (_child, runSignals) => {
      calls.push('begin');
      signals = runSignals;
      return null;
    },
    online: () => calls.push('online'),
    resume: (runSignals) => {
      calls.push('resume');
      signals = runSignals;
    },
    end: () => calls.push('end'),
    summary: () => ({ health: null, checks: [] }),
    health: null,
  };
  return { checks, calls, signals: () => signals };
}

function supervise(t: TestContext, checks: RunChecks, rules: Partial<typeof DEFAULT_RESTART_RULES> = {}) {
  const transitions: TransitionEvent[] = [];
  const unit = new Unit(
    {
      ...DEFAULT_RESTART_RULES,
      ...rules,
      name: 'app',
      command: [process.execPath, path.join(FIXTURES, 'forever.js')],
      cwd: FIXTURES,
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' },
      shell: false,
      kill_timeout: 5000,
      stop_signal: 'SIGTERM',
    },
    0,
    { os: realOs, onTransition: (event) => transitions.push(event), checks },
  );
  t.after(async () => {
    await unit.stop('user_stop');
    unit.dispose();
  });
  return { unit, moves: () => transitions.map((e) => `${e.from}>${e.to}`), transitions };
}

async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs}ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('unit readiness', () => {
  test('start() resolves only once the run is ready; liveness checks start when online', async (t) => {
    const scripted = scriptedChecks(10_000);
    const { unit, moves } = supervise(t, scripted.checks);
    let resolved = false;
    const started = unit.start('user_start').then(() => (resolved = true));
    await until(() => scripted.signals() !== null, 'the run to begin');
    assert.equal(unit.status, 'starting');
    assert.equal(resolved, false);
    scripted.signals()?.ready('ready message');
    await started;
    assert.equal(unit.status, 'online');
    assert.deepEqual(moves(), ['stopped>starting', 'starting>starting', 'starting>online']);
    assert.deepEqual(scripted.calls, ['begin', 'online']);
  });

  test('not ready in time: readiness_timeout stops the group and autorestart off leaves it stopped', async (t) => {
    const scripted = scriptedChecks(200);
    const { unit, transitions } = supervise(t, scripted.checks, { autorestart: false });
    await unit.start('user_start');
    await unit.waitFor('stopped', 5000);
    const reasons = transitions.map((e) => `${e.from}>${e.to}: ${e.reason}: ${e.detail}`);
    assert.equal(reasons[2], 'starting>stopping: readiness_timeout: not ready within listen_timeout 200ms');
    assert.equal(reasons[3], 'stopping>stopped: readiness_timeout: killed by SIGTERM; not restarted: autorestart is off');
    assert.ok(scripted.calls.includes('end'));
  });

  test('a user stop during a liveness stop ends stopped, not restarted; later signals of that run are ignored', async (t) => {
    const scripted = scriptedChecks(10_000);
    const { unit, moves } = supervise(t, scripted.checks);
    const started = unit.start('user_start');
    await until(() => scripted.signals() !== null, 'the run to begin');
    const signals = scripted.signals();
    signals?.ready('log line');
    await started;
    signals?.unhealthy('3 consecutive failures');
    assert.equal(unit.status, 'stopping');
    await unit.stop('user_stop');
    assert.equal(unit.status, 'stopped');
    signals?.ready('log line');
    signals?.unhealthy('again');
    assert.deepEqual(moves(), ['stopped>starting', 'starting>starting', 'starting>online', 'online>stopping', 'stopping>stopped']);
  });
});
