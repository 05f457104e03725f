import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { groupMembers, isLiveState, liveGroups, parseStat, readStat, readSystemConstants, scanGroups } from '../../src/os/procfs.js';
import { waitFor } from '../../../../tests/helpers/wait.js';

// A command name holding spaces and parentheses; ppid 1, pgrp 4200, utime 150, stime 50, start time 777, rss 2560 pages.
const STAT = '4242 (my (odd) app) S 1 4200 4200 0 -1 4194560 100 0 0 0 150 50 0 0 20 0 1 0 777 1000000 2560 18446744073709551615';

describe('parseStat', () => {
  it('reads state, parent, group, ticks, start time and rss after a command name with ") " in it', () => {
    assert.deepEqual(parseStat(4242, STAT), { pid: 4242, state: 'S', ppid: 1, pgrp: 4200, ticks: 200, starttime: 777, rssPages: 2560 });
  });

  it('keeps zombies (as such) and refuses text that is not a stat line', () => {
    const zombie = parseStat(1, '1 (x) Z 1 1 1 0 -1 0 0 0 0 0 5 5 0 0 20 0 1 0 9 0 0 0');
    assert.equal(zombie?.state, 'Z');
    assert.equal(isLiveState('Z'), false);
    assert.equal(isLiveState('S'), true);
    assert.equal(parseStat(1, 'garbage'), null);
    assert.equal(parseStat(1, '1 (x) S 1 1'), null, 'truncated');
    assert.equal(parseStat(1, '1 (x) S 1 1 1 0 -1 0 0 0 0 0 5 5 0 0 20 0 1 0 nine 0 0 0'), null, 'not a number');
  });
});

describe('reading /proc', () => {
  it('reads this process, and null for a pid that does not exist', () => {
    const self = readStat(process.pid);
    assert.ok(self !== null && self.starttime > 0 && isLiveState(self.state) && self.ppid === process.ppid);
    assert.equal(readStat(2 ** 22 + 1), null);
    const constants = readSystemConstants();
    assert.ok(constants.pageSize >= 4096 && constants.clockTicksPerSecond > 0);
  });

  it('finds a group leader and its grandchild by process group, and knows when the group is gone', async (t) => {
    const child = spawn(process.execPath, ['-e', "require('child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e6)'], { stdio: 'ignore' }); setInterval(() => {}, 1e6)"], {
      detached: true,
      stdio: 'ignore',
    });
    const pid = child.pid ?? 0;
    t.after(() => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    });
    // Right after fork/exec a member can briefly show no resident pages yet.
    await waitFor('leader and grandchild found by process group', () => {
      const members = groupMembers(pid);
      return members.length === 2 && members.every((member) => member.rssPages > 0);
    });
    assert.deepEqual([...scanGroups(new Set([pid, 2 ** 22 + 1])).keys()], [pid]);
    assert.deepEqual([...liveGroups([pid, 2 ** 22 + 1])], [pid]);
    // The leader dies; the grandchild keeps the group alive, found by the scan.
    process.kill(pid, 'SIGKILL');
    await waitFor('leader gone', () => readStat(pid) === null || readStat(pid)?.state === 'Z');
    assert.deepEqual([...liveGroups([pid])], [pid]);
    process.kill(-pid, 'SIGKILL');
    await waitFor('group gone', () => liveGroups([pid]).size === 0);
  });
});
