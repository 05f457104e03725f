// The last SAMPLE_HISTORY_LIMIT samples of each instance, keyed by its lifecycle unit (a unit keeps
// its history across restarts; a unit that is released is garbage-collected with its samples).
import { SAMPLE_HISTORY_LIMIT, type Sample } from '@svctl/protocol';
import type { Unit } from '../lifecycle/unit.js';
import type { MetricsSource } from '../supervisor/metrics-source.js';

interface Stored {
  /** The process group the sample was taken of (the pid of the instance's process then). */
  pgid: number;
  sample: Sample;
}

export class MetricsStore implements MetricsSource {
  readonly #byUnit = new WeakMap<Unit, Stored[]>();

  record(unit: Unit, pgid: number, sample: Sample): void {
    let ring = this.#byUnit.get(unit);
    if (ring === undefined) this.#byUnit.set(unit, (ring = []));
    ring.push({ pgid, sample });
    if (ring.length > SAMPLE_HISTORY_LIMIT) ring.shift();
  }

  current(unit: Unit, pid: number | null): { cpu: number | null; memory: number | null } {
    const last = this.#byUnit.get(unit)?.at(-1);
    if (pid === null || last === undefined || last.pgid !== pid) return { cpu: null, memory: null };
    return { cpu: last.sample.cpu, memory: last.sample.memory };
  }

  samples(unit: Unit): Sample[] {
    return (this.#byUnit.get(unit) ?? []).map((stored) => stored.sample);
  }
}
