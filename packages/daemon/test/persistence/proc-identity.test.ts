import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { judgeLeftover } from '../../src/persistence/leftovers.js';
import { parseIdentity, readIdentity } from '../../src/persistence/proc-identity.js';

// /proc/PID/stat with a command name holding spaces and parentheses; field 22 (start time) is 987654.
const STAT = '4242 (my (odd) app) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 100 18446744073709551615';

describe('process identity', () => {
  it('parses state, process group and start time (field 22) past a command name with ") "', () => {
    assert.deepEqual(parseIdentity(4242, STAT), { pid: 4242, pgid: 4242, startTime: 987654, state: 'S' });
    assert.equal(parseIdentity(1, 'garbage'), null);
  });

  it('reads a live process, and null for a pid that does not exist', () => {
    const self = readIdentity(process.pid);
    assert.ok(self !== null && self.startTime > 0 && self.state !== 'Z');
    assert.equal(readIdentity(2 ** 22 + 1), null);
  });

  it('judges a journal entry by pid AND start time', async (t) => {
    const child = spawn('sleep', ['60'], { detached: true, stdio: 'ignore' });
    t.after(() => child.kill('SIGKILL'));
    const pid = child.pid ?? 0;
    const identity = readIdentity(pid);
    assert.ok(identity !== null);
    assert.equal(judgeLeftover({ instance: 0, pid, pgid: identity.pgid, start_time: identity.startTime }), 'ours');
    assert.equal(judgeLeftover({ instance: 0, pid, pgid: identity.pgid, start_time: identity.startTime - 1 }), 'recycled');
    assert.equal(judgeLeftover({ instance: 0, pid: 2 ** 22 + 1, pgid: 2 ** 22 + 1, start_time: 1 }), 'gone');
  });
});
