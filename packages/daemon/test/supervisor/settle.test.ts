// Honest start results on the fake OS and clock: what settling waits for and what it reports.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AppOutcome } from '@svctl/protocol';
import { DEFAULT_RESTART_RULES } from '../../src/lifecycle/policy.js';
import { Unit, type UnitSpec } from '../../src/lifecycle/unit.js';
import { EventBus } from '../../src/supervisor/event-bus.js';
import { SETTLE_LIMIT_MS, settleOutcomes } from '../../src/supervisor/settle.js';
import { FakeOs, settle } from '../fakes/fake-os.js';

const SPEC: UnitSpec = { ...DEFAULT_RESTART_RULES, name: 'api', command: ['api'], cwd: '/', env: {}, shell: false, kill_timeout: 1000, stop_signal: 'SIGTERM' };
const STARTED: AppOutcome = { app: 'api', id: 0, action: 'started' };

async function started(minUptime: number, overrides: Partial<UnitSpec> = {}) {
  const os = new FakeOs();
  const bus = new EventBus();
  const unit = new Unit({ ...SPEC, min_uptime: minUptime, ...overrides }, 0, { os, onTransition: (event) => bus.publish(event) });
  const since = os.now();
  await unit.start('user_start');
  const stderr: string[] = [];
  const context = {
    os,
    subscribe: bus.subscribe.bind(bus),
    recentErrors: () => stderr,
    lookup: () => ({ name: 'api', spec: { min_uptime: minUptime }, units: [unit] }),
  };
  let result: AppOutcome[] | null = null;
  const settling = (wait = true, outcome: AppOutcome = STARTED) => {
    void settleOutcomes([outcome], since, wait, context).then((outcomes) => (result = outcomes));
    return settle();
  };
  return { os, unit, stderr, settling, result: () => result };
}

describe('settleOutcomes', () => {
  it('answers once the instance has run min_uptime, not before', async () => {
    const { os, settling, result } = await started(1000);
    await settling();
    await os.advance(999);
    assert.equal(result(), null);
    await os.advance(1);
    assert.deepEqual(result(), [STARTED]);
  });

  it('a crash within min_uptime is reported as soon as its last stderr lines are in: failed, reason, exit code and the stderr lines', async () => {
    const { os, stderr, settling, result } = await started(5000);
    await settling();
    await os.advance(100);
    stderr.push('Error: cannot reach the database');
    os.exit(os.latest(), { code: 1, signal: null });
    await settle();
    // The lines are taken once they have stopped changing for three polls (a last line may still be in the pipe).
    stderr.push('Error: giving up');
    await os.advance(100);
    assert.equal(result(), null);
    await os.advance(100);
    const [outcome] = result() ?? [];
    assert.equal(outcome?.failed, true);
    assert.deepEqual(outcome?.failures, [
      { instance: 0, reason: 'crash', status: 'waiting', exit_code: 1, signal: null, detail: 'exit code 1; restart in 0ms', stderr: ['Error: cannot reach the database', 'Error: giving up'] },
    ]);
  });

  it('waits at most SETTLE_LIMIT_MS, whatever min_uptime says', async () => {
    const { os, settling, result } = await started(60_000);
    await settling();
    await os.advance(SETTLE_LIMIT_MS - 1);
    assert.equal(result(), null);
    await os.advance(1);
    assert.deepEqual(result(), [STARTED]);
  });

  it('an exit with code 0 and autorestart off is a job done, not a failure', async () => {
    const { os, settling, result } = await started(5000, { autorestart: false });
    await settling();
    os.exit(os.latest(), { code: 0, signal: null });
    await settle();
    assert.deepEqual(result(), [STARTED]);
  });

  it('without wait it answers at once, reporting only what failed already', async () => {
    const { settling, result } = await started(5000);
    await settling(false);
    assert.deepEqual(result(), [STARTED]);
  });

  it('outcomes that started nothing are left as they are', async () => {
    const kept: AppOutcome = { app: 'api', id: 0, action: 'already_running', detail: 'left as it is' };
    const { settling, result } = await started(5000);
    await settling(true, kept);
    assert.deepEqual(result(), [kept]);
  });
});
