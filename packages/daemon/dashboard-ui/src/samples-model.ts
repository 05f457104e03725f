// CPU and memory as the page holds them, from monitor.subscribe: the newest values go into the fleet's
// rows, and a short series per instance feeds its sparklines. Pure functions, like fleet-model.ts.
import { SAMPLE_HISTORY_LIMIT, type InstanceRow, type SamplesItem } from '@svctl/protocol';
import { rowKey, type Fleet } from './fleet-model.js';

export interface Series {
  readonly cpu: ReadonlyArray<number | null>;
  readonly memory: readonly number[];
}

export type SeriesByInstance = ReadonlyMap<string, Series>;

/** The series after one item: the history replaces them all, a tick appends (keeping the last SAMPLE_HISTORY_LIMIT). */
export function applySamples(series: SeriesByInstance, item: SamplesItem): SeriesByInstance {
  if (item.type === 'history') return new Map(item.instances.map((one) => [rowKey(one), { cpu: one.cpu, memory: one.memory }]));
  const next = new Map(series);
  for (const sample of item.instances) {
    const key = rowKey(sample);
    const old = next.get(key) ?? { cpu: [], memory: [] };
    next.set(key, { cpu: [...old.cpu, sample.cpu].slice(-SAMPLE_HISTORY_LIMIT), memory: [...old.memory, sample.memory].slice(-SAMPLE_HISTORY_LIMIT) });
  }
  return next;
}

/** The fleet after a tick: each sampled instance's row shows its newest CPU and memory. */
export function applyTick(fleet: Fleet, item: SamplesItem): Fleet {
  if (item.type !== 'tick') return fleet;
  let next: Map<string, InstanceRow> | undefined;
  for (const sample of item.instances) {
    const key = rowKey(sample);
    const old = fleet.get(key);
    if (old === undefined || (old.cpu === sample.cpu && old.memory === sample.memory)) continue;
    next ??= new Map(fleet);
    next.set(key, { ...old, cpu: sample.cpu, memory: sample.memory });
  }
  return next ?? fleet;
}

/**
 * The items waiting for the next animation frame, with one more: a history replaces them all, and past
 * SAMPLE_HISTORY_LIMIT ticks the oldest go (the series keep no more), so a hidden tab, whose frames do
 * not run, holds a bounded queue.
 */
export function queueSamples(queue: readonly SamplesItem[], item: SamplesItem): SamplesItem[] {
  if (item.type === 'history') return [item];
  const next = [...queue, item];
  if (next.length <= SAMPLE_HISTORY_LIMIT + 1) return next;
  return [...next.filter((queued) => queued.type === 'history'), ...next.slice(-SAMPLE_HISTORY_LIMIT)];
}
