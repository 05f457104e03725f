// The last SAMPLE_HISTORY_LIMIT samples of each instance, keyed by its lifecycle unit (a unit keeps
// its history across restarts; a unit that is released is garbage-collected with its samples). A
// unit's ring is allocated with its first sample.
import type { Sample } from '@svctl/protocol';
import type { Unit } from '../lifecycle/unit.js';
import type { MetricsSource } from '../supervisor/metrics-source.js';
import { SampleRing, type RecordedSample, type SampleSeries } from './sample-ring.js';

export class MetricsStore implements MetricsSource {
  readonly #byUnit = new WeakMap<Unit, SampleRing>();

  record(unit: Unit, sample: RecordedSample): void {
    let ring = this.#byUnit.get(unit);
    if (ring === undefined) this.#byUnit.set(unit, (ring = new SampleRing()));
    ring.push(sample);
  }

  current(unit: Unit, pid: number | null): { cpu: number | null; memory: number | null } {
    const latest = pid === null ? undefined : this.#byUnit.get(unit)?.latestOf(pid);
    return latest ?? { cpu: null, memory: null };
  }

  samples(unit: Unit): Sample[] {
    return this.#byUnit.get(unit)?.samples() ?? [];
  }

  /** CPU and memory of the last `limit` samples (default all kept), oldest first. */
  series(unit: Unit, limit?: number): SampleSeries {
    return this.#byUnit.get(unit)?.series(limit) ?? { cpu: [], memory: [] };
  }
}
