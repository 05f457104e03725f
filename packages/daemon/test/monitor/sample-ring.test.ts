import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SAMPLE_HISTORY_LIMIT } from '@svctl/protocol';
import { SampleRing, type RecordedSample } from '../../src/monitor/sample-ring.js';

const T0 = Date.UTC(2026, 11, 3, 20, 0, 0, 123);

/** The n-th sample of a series 2 s apart: memory n MB, cpu n/10 % (null for n = 0), n % 3 + 1 processes. */
const nth = (n: number, pgid = 4242): RecordedSample => ({ pgid, atMs: T0 + n * 2000, cpu: n === 0 ? null : n / 10, memory: n * 1024 * 1024, processes: (n % 3) + 1 });

const asSample = ({ atMs, cpu, memory, processes }: RecordedSample) => ({ at: new Date(atMs).toISOString(), cpu, memory, processes });

describe('SampleRing', () => {
  it('is empty at first', () => {
    const ring = new SampleRing();
    assert.equal(ring.size, 0);
    assert.deepEqual(ring.samples(), []);
    assert.deepEqual(ring.series(), { cpu: [], memory: [] });
    assert.equal(ring.latestOf(4242), undefined);
  });

  it('gives the samples back oldest first, with their ISO time and a null cpu kept null', () => {
    const ring = new SampleRing();
    const pushed = [0, 1, 2].map((n) => nth(n));
    pushed.forEach((sample) => ring.push(sample));
    assert.deepEqual(ring.samples(), pushed.map(asSample));
    assert.equal(ring.samples()[0]?.at, '2026-12-03T20:00:00.123Z');
    assert.deepEqual(ring.series(), { cpu: [null, 0.1, 0.2], memory: [0, 1024 * 1024, 2 * 1024 * 1024] });
  });

  it(`keeps the last ${SAMPLE_HISTORY_LIMIT}: once full, each sample replaces the oldest`, () => {
    const ring = new SampleRing();
    const count = SAMPLE_HISTORY_LIMIT * 2 + 7;
    for (let n = 0; n < count; n += 1) ring.push(nth(n));
    assert.equal(ring.size, SAMPLE_HISTORY_LIMIT);
    const kept = Array.from({ length: SAMPLE_HISTORY_LIMIT }, (_, index) => nth(count - SAMPLE_HISTORY_LIMIT + index));
    assert.deepEqual(ring.samples(), kept.map(asSample));
    assert.deepEqual(ring.latestOf(4242), { cpu: nth(count - 1).cpu, memory: nth(count - 1).memory });
  });

  it('wraps at exactly the limit', () => {
    const ring = new SampleRing();
    for (let n = 0; n < SAMPLE_HISTORY_LIMIT; n += 1) ring.push(nth(n));
    assert.equal(ring.samples()[0]?.memory, 0, 'full, nothing dropped yet');
    ring.push(nth(SAMPLE_HISTORY_LIMIT));
    assert.equal(ring.size, SAMPLE_HISTORY_LIMIT);
    assert.deepEqual(
      ring.samples().map((sample) => sample.memory),
      Array.from({ length: SAMPLE_HISTORY_LIMIT }, (_, index) => (index + 1) * 1024 * 1024),
    );
  });

  it('gives the last `limit` samples, also across the wrap', () => {
    const ring = new SampleRing();
    for (let n = 0; n < SAMPLE_HISTORY_LIMIT + 5; n += 1) ring.push(nth(n));
    assert.deepEqual(ring.series(3).memory, [62, 63, 64].map((n) => n * 1024 * 1024));
    assert.deepEqual(ring.samples(8), [57, 58, 59, 60, 61, 62, 63, 64].map((n) => asSample(nth(n))));
    assert.equal(ring.samples(SAMPLE_HISTORY_LIMIT + 10).length, SAMPLE_HISTORY_LIMIT);
  });

  it('has a latest cpu/memory only for the process group its newest sample was taken of', () => {
    const ring = new SampleRing();
    ring.push(nth(5, 100));
    assert.deepEqual(ring.latestOf(100), { cpu: 0.5, memory: 5 * 1024 * 1024 });
    ring.push(nth(0, 200)); // restarted: a new group, its first sample has no cpu
    assert.equal(ring.latestOf(100), undefined);
    assert.deepEqual(ring.latestOf(200), { cpu: null, memory: 0 });
    assert.equal(ring.samples().length, 2, 'the history spans the restart');
  });
});
