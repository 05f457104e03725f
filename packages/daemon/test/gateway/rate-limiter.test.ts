import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RateLimiter } from '../../src/gateway/rate-limiter.js';

describe('RateLimiter', () => {
  it('allows a burst, then refuses with the seconds to wait, and refills at the rate', () => {
    let now = 0;
    const limiter = new RateLimiter({ rate: 2, burst: 3 }, () => now);
    assert.deepEqual([1, 2, 3, 4].map(() => limiter.take('a')), [0, 0, 0, 1]);
    now = 500; // half a second at 2/s: one more
    assert.equal(limiter.take('a'), 0);
    assert.equal(limiter.take('a'), 1);
  });

  it('keeps one bucket per key: one noisy client never empties another', () => {
    const limiter = new RateLimiter({ rate: 1, burst: 2 }, () => 0);
    for (let i = 0; i < 10; i++) limiter.take('noisy');
    assert.equal(limiter.take('noisy'), 1);
    assert.equal(limiter.take('quiet'), 0);
  });

  it('says how long to wait at a slow rate', () => {
    const limiter = new RateLimiter({ rate: 0.1, burst: 1 }, () => 0);
    assert.equal(limiter.take('a'), 0);
    assert.equal(limiter.take('a'), 10);
  });
});
