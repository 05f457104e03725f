import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { parseStat, readSystemConstants, scanGroups, type ProcStat } from '../../src/monitor/proc-stat.js';
import { TreeSampler } from '../../src/monitor/tree-sampler.js';

const proc = (pid: number, pgrp: number, ticks: number, rssPages: number, starttime = 1): ProcStat => ({ pid, pgrp, ticks, rssPages, starttime });

function fakeSampler(scans: Array<Map<number, ProcStat[]>>, times: number[]) {
  let call = 0;
  return new TreeSampler({
    scan: () => scans[call] ?? new Map(),
    now: () => times[call++] ?? 0,
    constants: { pageSize: 4096, clockTicksPerSecond: 100 },
  });
}

describe('parseStat', () => {
  it('reads pgrp, ticks, start time and rss after a command name with spaces and parentheses', () => {
    const line = '4242 (my (odd) app) S 1 4200 4200 0 -1 4194560 100 0 0 0 150 50 0 0 20 0 1 0 777 1000000 2560 18446744073709551615';
    assert.deepEqual(parseStat(4242, line), { pid: 4242, pgrp: 4200, ticks: 200, starttime: 777, rssPages: 2560 });
  });

  it('skips zombies', () => {
    assert.equal(parseStat(1, '1 (x) Z 1 1 1 0 -1 0 0 0 0 0 5 5 0 0 20 0 1 0 9 0 0 0'), null);
  });
});

describe('TreeSampler', () => {
  it('has no CPU on the first scan of a group, then the tick delta over the elapsed time, summed over the group', () => {
    const sampler = fakeSampler(
      [new Map([[10, [proc(10, 10, 100, 256), proc(11, 10, 50, 512)]]]), new Map([[10, [proc(10, 10, 150, 256), proc(11, 10, 100, 512)]]])],
      [0, 1000],
    );
    const first = sampler.sample(new Set([10])).get(10);
    assert.deepEqual(first, { cpu: null, memory: 768 * 4096, processes: 2 });
    // 50 + 50 ticks in 1 s at 100 ticks/s = 100 % of one core.
    assert.equal(sampler.sample(new Set([10])).get(10)?.cpu, 100);
  });

  it('counts a process born between scans with all its ticks, and a reused pid as a new process', () => {
    const sampler = fakeSampler(
      [new Map([[10, [proc(10, 10, 0, 1), proc(12, 10, 500, 1, 5)]]]), new Map([[10, [proc(10, 10, 0, 1), proc(12, 10, 20, 1, 9), proc(13, 10, 30, 1)]]])],
      [0, 2000],
    );
    sampler.sample(new Set([10]));
    // pid 12 restarted (new start time): its 20 ticks count, not 20 - 500; pid 13 is new: 30 ticks.
    assert.equal(sampler.sample(new Set([10])).get(10)?.cpu, 25);
  });

  it('leaves out groups with no live member', () => {
    const sampler = fakeSampler([new Map()], [0]);
    assert.equal(sampler.sample(new Set([99])).size, 0);
  });

  it('reads real process groups from /proc: a child in its own group and its grandchild', async (t) => {
    const child = spawn(process.execPath, ['-e', "require('child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e6)'], { stdio: 'ignore' }); setInterval(() => {}, 1e6)"], {
      detached: true,
      stdio: 'ignore',
    });
    const pid = child.pid ?? 0;
    t.after(() => process.kill(-pid, 'SIGKILL'));
    const deadline = Date.now() + 10_000;
    let members: ProcStat[] = [];
    while (Date.now() < deadline) {
      members = scanGroups(new Set([pid])).get(pid) ?? [];
      // Right after fork/exec a member can briefly show no resident pages yet.
      if (members.length === 2 && members.every((member) => member.rssPages > 0)) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    assert.equal(members.length, 2, 'leader and grandchild found by process group');
    assert.ok(members.every((member) => member.rssPages > 0));
    const constants = readSystemConstants();
    assert.ok(constants.pageSize >= 4096 && constants.clockTicksPerSecond > 0);
  });
});
