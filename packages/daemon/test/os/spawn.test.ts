// Real children. Regression tests for issue 10: a command line ran through /bin/sh -c twice, and a
// spawn failure could throw out of the spawn path (an uncaught `spawn EMFILE` killed the daemon).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnChild } from '../../src/os/spawn.js';

const ENV = { PATH: process.env['PATH'] ?? '/usr/bin:/bin' };

test('a /bin/sh -c command runs once, as written: its output is the command\'s', async () => {
  const outcome = await spawnChild({ command: ['/bin/sh', '-c', 'echo one two three; echo "$0"'], cwd: '/tmp', env: ENV, shell: true });
  assert.ok(outcome.ok);
  let output = '';
  outcome.child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // Listened for before anything is awaited: the pipe may close before the exit is reported.
  const closed = new Promise((resolve) => outcome.child.stdout.once('close', resolve));
  outcome.child.stderr.resume();
  assert.deepEqual(await outcome.child.exited, { code: 0, signal: null });
  await closed;
  assert.equal(output, 'one two three\n/bin/sh\n');
});

test('a spawn that node refuses outright (a NUL byte in the environment) is a reason, never a throw', async () => {
  const outcome = await spawnChild({ command: ['true'], cwd: '/tmp', env: { ...ENV, BAD: 'a\0b' }, shell: false });
  assert.equal(outcome.ok, false);
  assert.match(outcome.ok ? '' : outcome.reason, /^spawn failed unexpectedly: .*BAD/);
});
