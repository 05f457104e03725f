// The bench's figures: a median with its spread from repeated runs (bench/lib/measure.mjs).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { median, summarize } from '../../bench/lib/measure.mjs';

describe('summarize', () => {
  it('gives the median, min, max and quartiles of an odd number of runs', () => {
    assert.deepEqual(summarize([30, 10, 20]), { median: 20, min: 10, max: 30, q1: 15, q3: 25, n: 3 });
  });

  it('interpolates the median of an even number of runs', () => {
    assert.equal(summarize([4, 1, 3, 2])?.median, 2.5);
    assert.equal(median([4, 1, 3, 2]), 2.5);
  });

  it('leaves out runs that produced no figure, and gives null when none did', () => {
    assert.deepEqual(summarize([Number.NaN, 5, Number.POSITIVE_INFINITY]), { median: 5, min: 5, max: 5, q1: 5, q3: 5, n: 1 });
    assert.equal(summarize([]), null);
    assert.equal(summarize([Number.NaN]), null);
  });
});
