import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { readStat } from '../../src/os/procfs.js';
import { judgeLeftover } from '../../src/persistence/leftovers.js';

describe('leftovers', () => {
  it('judges a journal entry by pid AND start time', async (t) => {
    const child = spawn('sleep', ['60'], { detached: true, stdio: 'ignore' });
    t.after(() => child.kill('SIGKILL'));
    const pid = child.pid ?? 0;
    const identity = readStat(pid);
    assert.ok(identity !== null);
    assert.equal(judgeLeftover({ instance: 0, pid, pgid: identity.pgrp, start_time: identity.starttime }), 'ours');
    assert.equal(judgeLeftover({ instance: 0, pid, pgid: identity.pgrp, start_time: identity.starttime - 1 }), 'recycled');
    assert.equal(judgeLeftover({ instance: 0, pid: 2 ** 22 + 1, pgid: 2 ** 22 + 1, start_time: 1 }), 'gone');
  });
});
