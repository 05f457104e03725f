import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProcStat } from '../../src/os/procfs.js';
import { FULL_SCAN_EVERY_SAMPLES, SCAN_EVERY_SAMPLES, TreeSampler } from '../../src/monitor/tree-sampler.js';

const proc = (pid: number, pgrp: number, ticks: number, rssPages: number, starttime = 1): ProcStat => ({ pid, state: 'S', ppid: 1, pgrp, ticks, rssPages, starttime });

/** A fake process table the test edits between samples; counts listings of /proc and reads each pid read. */
function fakeTable() {
  const table = new Map<number, ProcStat>();
  let nowMs = 0;
  const counts = { scans: 0, reads: [] as number[] };
  const sampler = new TreeSampler({
    listPids: () => {
      counts.scans += 1;
      return [...table.keys()];
    },
    read: (pid) => {
      counts.reads.push(pid);
      return table.get(pid) ?? null;
    },
    now: () => nowMs,
    constants: { pageSize: 4096, clockTicksPerSecond: 100 },
  });
  const set = (...stats: ProcStat[]) => stats.forEach((stat) => table.set(stat.pid, stat));
  return { sampler, table, counts, set, advance: (ms: number) => (nowMs += ms) };
}

describe('TreeSampler', () => {
  it('has no CPU on the first sample of a group, then the tick delta over the elapsed time, summed over the group', () => {
    const { sampler, set, advance } = fakeTable();
    set(proc(10, 10, 100, 256), proc(11, 10, 50, 512));
    assert.deepEqual(sampler.sample(new Set([10])).get(10), { cpu: null, memory: 768 * 4096, processes: 2 });
    set(proc(10, 10, 150, 256), proc(11, 10, 100, 512));
    advance(1000);
    // 50 + 50 ticks in 1 s at 100 ticks/s = 100 % of one core.
    assert.equal(sampler.sample(new Set([10])).get(10)?.cpu, 100);
  });

  it('counts a process born between samples with all its ticks, and a reused pid as a new process', () => {
    const { sampler, set, advance } = fakeTable();
    set(proc(10, 10, 0, 1), proc(12, 10, 500, 1, 5));
    sampler.sample(new Set([10]));
    set(proc(12, 10, 20, 1, 9), proc(13, 10, 30, 1));
    advance(2000);
    // pid 12 restarted (new start time): its 20 ticks count, not 20 - 500; pid 13 is new: 30 ticks.
    assert.equal(sampler.sample(new Set([10])).get(10)?.cpu, 25);
  });

  it('pairs each process with its own previous reading whatever order /proc lists them in (pids wrap)', () => {
    const { sampler, table, set, advance } = fakeTable();
    // The leader 300, then children that got low pids after a wrap: listed after it.
    set(proc(300, 300, 1000, 1), proc(12, 300, 10, 1), proc(7, 300, 500, 1));
    sampler.sample(new Set([300]));
    set(proc(300, 300, 1100, 1), proc(12, 300, 10, 1), proc(7, 300, 500, 1));
    advance(1000);
    assert.equal(sampler.sample(new Set([300])).get(300)?.cpu, 100, 'only the leader used CPU: 100 ticks in 1 s');
    table.delete(7); // a member gone: the next sample scans again, in listing order
    set(proc(12, 300, 60, 1));
    advance(1000);
    assert.deepEqual(sampler.sample(new Set([300])).get(300), { cpu: 50, memory: 2 * 4096, processes: 2 });
  });

  it('leaves out groups with no live member', () => {
    const { sampler } = fakeTable();
    assert.equal(sampler.sample(new Set([99])).size, 0);
  });

  it('reads only the known members while they stay the same; a periodic scan reads only new pids', () => {
    const { sampler, set, counts, advance } = fakeTable();
    set(proc(10, 10, 0, 1), proc(11, 10, 0, 1), proc(20, 20, 0, 1), proc(99, 99, 0, 1));
    sampler.sample(new Set([10, 20]));
    assert.equal(counts.scans, 1);
    assert.deepEqual(counts.reads.sort(), [10, 11, 20, 99], 'a new group: every pid read');
    // A child started meanwhile is found by the next scan, at the latest SCAN_EVERY_SAMPLES later.
    set(proc(12, 10, 0, 1, 2));
    counts.reads = [];
    for (let sample = 1; sample < SCAN_EVERY_SAMPLES; sample += 1) {
      advance(2000);
      assert.equal(sampler.sample(new Set([10, 20])).get(10)?.processes, 2);
    }
    assert.equal(counts.scans, 1);
    assert.deepEqual(counts.reads.sort(), Array.from({ length: SCAN_EVERY_SAMPLES - 1 }, () => [10, 11, 20]).flat().sort());
    counts.reads = [];
    advance(2000);
    assert.equal(sampler.sample(new Set([10, 20])).get(10)?.processes, 3);
    assert.equal(counts.scans, 2);
    assert.deepEqual(counts.reads.sort(), [10, 11, 12, 20], 'pid 99 (outside the groups) is not read again');
  });

  it('reads every pid again every FULL_SCAN_EVERY_SAMPLES samples', () => {
    const { sampler, set, counts } = fakeTable();
    set(proc(10, 10, 0, 1), proc(99, 99, 0, 1));
    for (let sample = 0; sample < FULL_SCAN_EVERY_SAMPLES; sample += 1) sampler.sample(new Set([10]));
    assert.equal(counts.reads.filter((pid) => pid === 99).length, 1);
    sampler.sample(new Set([10]));
    assert.equal(counts.reads.filter((pid) => pid === 99).length, 2);
  });

  it('for a new group (a crash loop\'s next run) reads only new pids, its leader and what was in it, not every outsider again', () => {
    const { sampler, set, counts, advance } = fakeTable();
    // 40 leads a group not sampled yet (e.g. still starting), with a child 41; 99 is someone else's.
    set(proc(10, 10, 0, 1), proc(40, 40, 0, 1), proc(41, 40, 0, 1), proc(99, 99, 0, 1));
    sampler.sample(new Set([10]));
    counts.reads = [];
    advance(2000);
    set(proc(50, 50, 0, 1));
    const sample = sampler.sample(new Set([10, 40, 50]));
    assert.equal(sample.get(40)?.processes, 2, 'the group\'s earlier members are found');
    assert.equal(sample.get(50)?.processes, 1);
    assert.deepEqual(counts.reads.sort(), [10, 40, 41, 50], 'pid 99 (in no group of ours) is not read again');
    // A new group whose leader took the pid of a former outsider (pids wrap): the leader is read again.
    counts.reads = [];
    advance(2000);
    set(proc(99, 99, 0, 1, 5));
    assert.equal(sampler.sample(new Set([10, 40, 50, 99])).get(99)?.processes, 1);
    assert.ok(counts.reads.includes(99));
  });

  it('scans the whole table as soon as a member is gone or replaced, or a group is new', () => {
    const { sampler, table, set, counts } = fakeTable();
    set(proc(10, 10, 0, 1), proc(11, 10, 0, 1));
    sampler.sample(new Set([10]));
    table.delete(11);
    assert.equal(sampler.sample(new Set([10])).get(10)?.processes, 1);
    assert.equal(counts.scans, 2, 'a member gone');
    set(proc(10, 10, 0, 1, 7));
    sampler.sample(new Set([10]));
    assert.equal(counts.scans, 3, 'the pid now names another process');
    set(proc(30, 30, 0, 1));
    assert.equal(sampler.sample(new Set([10, 30])).get(30)?.processes, 1);
    assert.equal(counts.scans, 4, 'a new group');
    set({ ...proc(10, 10, 0, 1, 7), state: 'Z' });
    assert.equal(sampler.sample(new Set([10, 30])).has(10), false, 'a zombie is not a member');
    assert.equal(counts.scans, 5, 'a member turned zombie');
  });
});
