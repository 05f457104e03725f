// What the supervisor reads of the monitor's samples for `list` and `describe`: declared here, where it
// is used, so the supervisor does not depend on the monitor (the monitor implements it).
import type { Sample } from '@svctl/protocol';
import type { Unit } from '../lifecycle/unit.js';

export interface MetricsSource {
  /** Latest cpu/memory of the instance's current process, or null values when it has none yet. */
  current(unit: Unit, pid: number | null): { cpu: number | null; memory: number | null };
  samples(unit: Unit): Sample[];
}
