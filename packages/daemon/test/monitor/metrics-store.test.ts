import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SAMPLE_HISTORY_LIMIT } from '@svctl/protocol';
import { DEFAULT_RESTART_RULES } from '../../src/lifecycle/policy.js';
import { Unit, type UnitSpec } from '../../src/lifecycle/unit.js';
import { MetricsStore } from '../../src/monitor/metrics-store.js';
import { FakeOs } from '../fakes/fake-os.js';
import { settledMemoryUsage } from '../helpers/settled-memory.js';

const SPEC: UnitSpec = { ...DEFAULT_RESTART_RULES, name: 'app', command: ['app'], cwd: '/', env: {}, shell: false, kill_timeout: 1000, stop_signal: 'SIGTERM' };
const os = new FakeOs();
const newUnit = (instance = 0) => new Unit(SPEC, instance, { os, onTransition: () => undefined });
const T0 = Date.UTC(2026, 11, 3, 20);

/** Live JS heap and ArrayBuffer backing stores. */
function live(): { heap: number; buffers: number } {
  const { heapUsed, arrayBuffers } = settledMemoryUsage();
  return { heap: heapUsed, buffers: arrayBuffers };
}

/**
 * Fills a full history for `count` fresh units and returns what it cost. The units are created and dropped
 * in this frame, so once it returns nothing but the store could keep them.
 */
function fillFresh(store: MetricsStore, count: number): { perInstance: number; buffers: number; baseline: number } {
  const units = Array.from({ length: count }, (_, index) => newUnit(index));
  const before = live();
  for (let n = 0; n < SAMPLE_HISTORY_LIMIT; n += 1) {
    units.forEach((unit, index) => store.record(unit, { pgid: 1000 + index, atMs: T0 + n * 2000, cpu: n === 0 ? null : 0.1, memory: 2_000_000 + n, processes: 1 }));
  }
  const full = live();
  assert.equal(store.samples(units[count - 1] as Unit).length, SAMPLE_HISTORY_LIMIT);
  return { perInstance: (full.heap + full.buffers - before.heap - before.buffers) / count, buffers: full.buffers - before.buffers, baseline: before.buffers };
}

describe('MetricsStore', () => {
  it("keeps each unit's samples apart; current() is null for another process than the sampled one", () => {
    const store = new MetricsStore();
    const [first, second] = [newUnit(0), newUnit(1)];
    store.record(first, { pgid: 10, atMs: T0, cpu: null, memory: 100, processes: 1 });
    store.record(first, { pgid: 10, atMs: T0 + 2000, cpu: 1.5, memory: 200, processes: 2 });
    assert.deepEqual(store.current(first, 10), { cpu: 1.5, memory: 200 });
    assert.deepEqual(store.current(first, 11), { cpu: null, memory: null }, 'restarted, not sampled yet');
    assert.deepEqual(store.current(first, null), { cpu: null, memory: null });
    assert.deepEqual(store.current(second, 10), { cpu: null, memory: null });
    assert.deepEqual(store.samples(second), []);
    assert.deepEqual(store.samples(first), [
      { at: '2026-12-03T20:00:00.000Z', cpu: null, memory: 100, processes: 1 },
      { at: '2026-12-03T20:00:02.000Z', cpu: 1.5, memory: 200, processes: 2 },
    ]);
    assert.deepEqual(store.series(first, 1), { cpu: [1.5], memory: [200] });
    assert.deepEqual(store.series(second), { cpu: [], memory: [] });
  });

  it('holds a full history in under 4 KB per instance, and frees it with the unit', () => {
    const count = 1000;
    const store = new MetricsStore();
    const { perInstance, buffers, baseline } = fillFresh(store, count);
    // An object per sample (the Sample and its wrapper) took about 6.5 KB per instance once full.
    assert.ok(perInstance < 4 * 1024, `a full history costs ${Math.round(perInstance)} bytes per instance`);
    assert.ok(buffers > count * 1024, `the samples are in ArrayBuffers (${buffers} bytes)`);
    const left = live().buffers - baseline;
    assert.ok(left < buffers / 10, `${left} of ${buffers} bytes of samples left after the units went`);
  });
});
