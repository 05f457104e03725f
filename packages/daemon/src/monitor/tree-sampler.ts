// CPU and memory of whole process groups, from /proc. CPU is computed here from utime+stime deltas
// between two samples (per pid, with its start time so a reused pid is not mistaken for an old one),
// which is exact to one clock tick and meaningful from the second sample of a group on. A process
// that appears between samples counts with all its ticks (it was born in the interval); a process
// that exits between samples loses its last partial interval.
//
// Cost: reading the stat file of every process on the machine is what costs. While every group keeps
// the members it had, a sample reads only those members' stat files. Every SCAN_EVERY_SAMPLES samples
// a scan lists /proc to find children started meanwhile, and reads only the pids that are new since
// the previous listing (a process outside our groups stays outside them). Any change a sample can see
// (a new group, a member gone, exited or replaced) brings the scan forward. A new group (each run of a
// crash-looping app is one) also rereads the outsiders that were in that group at the listing, and its
// leader's pid: a process is in a group only by being born into it or by setpgid within its session,
// and our groups lead their own sessions. Every FULL_SCAN_EVERY_SAMPLES samples the scan reads every
// pid (a pid reused by a child of ours, a process moved by setpgid).
import { isLiveState, listPids, readStat, readSystemConstants, type ProcStat, type SystemConstants } from '../os/procfs.js';
import { monotonicMs } from '../os/monotonic-clock.js';

/** Samples between two scans of /proc while the groups' members stay the same. */
export const SCAN_EVERY_SAMPLES = 5;
/** Samples between two scans that read every pid, not only the new ones. */
export const FULL_SCAN_EVERY_SAMPLES = 30;

export interface GroupSample {
  /** CPU % of one core since the previous sample; null on the first sample of the group. */
  cpu: number | null;
  memory: number;
  processes: number;
}

interface PreviousSample {
  atMs: number;
  /** The group's processes as flat (pid, starttime, ticks) triples sorted by pid: one small array per group. */
  members: number[];
}

const MEMBER_FIELDS = 3;
const NO_MEMBERS: readonly number[] = [];

export interface TreeSamplerDeps {
  /** Every pid on the machine. */
  listPids: () => number[];
  /** One process, or null when it does not exist. */
  read: (pid: number) => ProcStat | null;
  /** Monotonic milliseconds. */
  now: () => number;
  constants: SystemConstants;
}

export const realTreeSamplerDeps = (): TreeSamplerDeps => ({
  listPids: () => listPids(),
  read: (pid) => readStat(pid),
  now: monotonicMs,
  constants: readSystemConstants(),
});

export class TreeSampler {
  readonly #previous = new Map<number, PreviousSample>();
  /** Pids of the last listing that belong to none of the groups, with the group each was in: not read again until a full scan. */
  #outsiders = new Map<number, number>();
  #samplesSinceScan = 0;
  #samplesSinceFullScan = 0;

  constructor(private readonly deps: TreeSamplerDeps = realTreeSamplerDeps()) {}

  /** One sample of all groups. Groups with no live member are absent from the result. */
  sample(pgids: ReadonlySet<number>): Map<number, GroupSample> {
    const members = this.#members(pgids);
    const atMs = this.deps.now();
    const { pageSize, clockTicksPerSecond } = this.deps.constants;
    const result = new Map<number, GroupSample>();
    for (const pgid of pgids) {
      const processes = members.get(pgid);
      const previous = this.#previous.get(pgid);
      if (processes === undefined || processes.length === 0) {
        this.#previous.delete(pgid);
        continue;
      }
      let memory = 0;
      let deltaTicks = 0;
      // Sized up front: an array grown by push keeps spare room, several times these few numbers.
      const seen = new Array<number>(processes.length * MEMBER_FIELDS);
      const before = previous?.members ?? NO_MEMBERS;
      let cursor = 0; // both sorted by pid: one walk pairs each process with its previous reading
      if (processes.length > 1) processes.sort((a, b) => a.pid - b.pid);
      let slot = 0;
      for (const proc of processes) {
        memory += proc.rssPages * pageSize;
        seen[slot++] = proc.pid;
        seen[slot++] = proc.starttime;
        seen[slot++] = proc.ticks;
        while ((before[cursor] ?? Infinity) < proc.pid) cursor += MEMBER_FIELDS;
        const known = before[cursor] === proc.pid && before[cursor + 1] === proc.starttime;
        deltaTicks += known ? Math.max(0, proc.ticks - (before[cursor + 2] ?? 0)) : proc.ticks;
      }
      const elapsedSeconds = previous === undefined ? 0 : (atMs - previous.atMs) / 1000;
      const cpu = elapsedSeconds > 0 ? (deltaTicks / clockTicksPerSecond / elapsedSeconds) * 100 : null;
      result.set(pgid, { cpu: cpu === null ? null : Math.round(cpu * 10) / 10, memory, processes: processes.length });
      if (previous === undefined) this.#previous.set(pgid, { atMs, members: seen });
      else {
        previous.atMs = atMs;
        previous.members = seen;
      }
    }
    for (const pgid of this.#previous.keys()) if (!pgids.has(pgid)) this.#previous.delete(pgid);
    return result;
  }

  #members(pgids: ReadonlySet<number>): Map<number, ProcStat[]> {
    this.#samplesSinceFullScan += 1;
    const newGroups = new Set([...pgids].filter((pgid) => !this.#previous.has(pgid)));
    // With no outsiders known (the first scan), any scan reads every pid: it counts as the full one.
    if (this.#samplesSinceFullScan >= FULL_SCAN_EVERY_SAMPLES || (this.#outsiders.size === 0 && newGroups.size > 0)) {
      this.#samplesSinceFullScan = 0;
      this.#outsiders.clear();
    } else if (newGroups.size === 0 && this.#samplesSinceScan + 1 < SCAN_EVERY_SAMPLES) {
      const known = this.#readKnownMembers(pgids);
      if (known !== null) {
        this.#samplesSinceScan += 1;
        return known;
      }
    }
    this.#samplesSinceScan = 0;
    return this.#scan(pgids, newGroups);
  }

  /** Lists /proc and reads every pid not known to be outside the groups (for `newGroups`, their leaders and former members too). */
  #scan(pgids: ReadonlySet<number>, newGroups: ReadonlySet<number>): Map<number, ProcStat[]> {
    const members = new Map<number, ProcStat[]>();
    const outsiders = new Map<number, number>();
    if (pgids.size === 0) return members;
    for (const pid of this.deps.listPids()) {
      const outsiderGroup = this.#outsiders.get(pid);
      if (outsiderGroup !== undefined && !newGroups.has(outsiderGroup) && !newGroups.has(pid)) {
        outsiders.set(pid, outsiderGroup);
        continue;
      }
      const stat = this.deps.read(pid);
      if (stat === null) continue;
      if (!pgids.has(stat.pgrp) || !isLiveState(stat.state)) {
        outsiders.set(pid, stat.pgrp);
        continue;
      }
      const group = members.get(stat.pgrp);
      if (group === undefined) members.set(stat.pgrp, [stat]);
      else group.push(stat);
    }
    this.#outsiders = outsiders;
    return members;
  }

  /** The members found last time, read again; null when that cannot be trusted and a full scan is due. */
  #readKnownMembers(pgids: ReadonlySet<number>): Map<number, ProcStat[]> | null {
    const members = new Map<number, ProcStat[]>();
    for (const pgid of pgids) {
      const previous = this.#previous.get(pgid);
      if (previous === undefined) return null; // a group not seen before
      const stats: ProcStat[] = [];
      for (let index = 0; index < previous.members.length; index += MEMBER_FIELDS) {
        const stat = this.deps.read(previous.members[index] ?? 0);
        if (stat === null || stat.starttime !== previous.members[index + 1] || stat.pgrp !== pgid || !isLiveState(stat.state)) return null;
        stats.push(stat);
      }
      members.set(pgid, stats);
    }
    return members;
  }
}
