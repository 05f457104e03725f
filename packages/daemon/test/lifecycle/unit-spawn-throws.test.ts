// The seam promises never to reject; if a spawn still throws, the instance ends errored with the
// reason and the daemon lives on (issue 10: an exception in a spawn path killed the daemon).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_RESTART_RULES } from '../../src/lifecycle/policy.js';
import { Unit } from '../../src/lifecycle/unit.js';
import { realOs } from '../../src/os/real-os.js';

test('a spawn that rejects ends the instance errored with the error as reason, without a restart', async () => {
  const transitions: string[] = [];
  const unit = new Unit(
    { ...DEFAULT_RESTART_RULES, name: 'app', command: ['true'], cwd: '/tmp', env: {}, shell: false, kill_timeout: 1000, stop_signal: 'SIGTERM' },
    0,
    { os: { ...realOs, spawn: () => Promise.reject(new Error('spawn EMFILE')) }, onTransition: (event) => transitions.push(`${event.from}>${event.to}`) },
  );
  await unit.start('user_start');
  assert.equal(unit.status, 'errored');
  assert.equal(unit.snapshot().reason, 'spawn_failed');
  assert.equal(unit.snapshot().detail, 'spawn threw: spawn EMFILE');
  assert.deepEqual(transitions, ['stopped>starting', 'starting>errored']);
  unit.dispose();
});
