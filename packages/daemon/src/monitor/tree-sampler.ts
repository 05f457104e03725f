// CPU and memory of whole process groups, from successive /proc scans. CPU is computed here from
// utime+stime deltas between two scans (per pid, with its start time so a reused pid is not
// mistaken for an old one), which is exact to one clock tick and meaningful from the second scan
// of a group on. A process that appears between scans counts with all its ticks (it was born in
// the interval); a process that exits between scans loses its last partial interval.
import { readSystemConstants, scanGroups, type ProcStat, type SystemConstants } from './proc-stat.js';

export interface GroupSample {
  /** CPU % of one core since the previous scan; null on the first scan of the group. */
  cpu: number | null;
  memory: number;
  processes: number;
}

interface PreviousScan {
  atMs: number;
  processes: Map<number, { starttime: number; ticks: number }>;
}

export interface TreeSamplerDeps {
  scan: (pgids: ReadonlySet<number>) => Map<number, ProcStat[]>;
  /** Monotonic milliseconds. */
  now: () => number;
  constants: SystemConstants;
}

export const realTreeSamplerDeps = (): TreeSamplerDeps => ({
  scan: (pgids) => scanGroups(pgids),
  now: () => performance.now(),
  constants: readSystemConstants(),
});

export class TreeSampler {
  readonly #previous = new Map<number, PreviousScan>();

  constructor(private readonly deps: TreeSamplerDeps = realTreeSamplerDeps()) {}

  /** One scan for all groups. Groups with no live member are absent from the result. */
  sample(pgids: ReadonlySet<number>): Map<number, GroupSample> {
    const members = this.deps.scan(pgids);
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
      const seen = new Map<number, { starttime: number; ticks: number }>();
      for (const proc of processes) {
        memory += proc.rssPages * pageSize;
        seen.set(proc.pid, { starttime: proc.starttime, ticks: proc.ticks });
        const before = previous?.processes.get(proc.pid);
        deltaTicks += before !== undefined && before.starttime === proc.starttime ? Math.max(0, proc.ticks - before.ticks) : proc.ticks;
      }
      const elapsedSeconds = previous === undefined ? 0 : (atMs - previous.atMs) / 1000;
      const cpu = elapsedSeconds > 0 ? (deltaTicks / clockTicksPerSecond / elapsedSeconds) * 100 : null;
      result.set(pgid, { cpu: cpu === null ? null : Math.round(cpu * 10) / 10, memory, processes: processes.length });
      this.#previous.set(pgid, { atMs, processes: seen });
    }
    for (const pgid of this.#previous.keys()) if (!pgids.has(pgid)) this.#previous.delete(pgid);
    return result;
  }
}
