import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GROWTH, HeapGuard, MIN_GROWTH_BYTES, POKE_MS } from '../../src/memory/heap-guard.js';

const MB = 1024 * 1024;

/** A heap whose size the test sets; a collection brings it back to `live`. */
function fakeHeap(used: number, live: number) {
  const heap = { used, live, collections: 0, now: 0 };
  const guard = new HeapGuard({
    now: () => heap.now,
    heapUsed: () => heap.used,
    collect: () => {
      heap.collections++;
      heap.used = heap.live;
    },
  });
  return { heap, guard };
}

describe('HeapGuard', () => {
  it('collects once the heap has grown past the floor by more than the minimum growth', () => {
    // A small heap: a quarter of it is less than the minimum growth.
    const { heap, guard } = fakeHeap(2 * MB, 2 * MB);
    assert.ok(2 * MB * GROWTH < MIN_GROWTH_BYTES);
    assert.equal(guard.check(), false, 'the first check only sets the floor');
    heap.used = 2 * MB + MIN_GROWTH_BYTES;
    assert.equal(guard.check(), false, 'exactly the allowed growth is kept');
    heap.used += 1;
    assert.equal(guard.check(), true);
    assert.equal(heap.collections, 1);
    assert.equal(heap.used, 2 * MB);
  });

  it('on a larger heap allows growth in proportion to it', () => {
    const { heap, guard } = fakeHeap(40 * MB, 40 * MB);
    guard.check();
    heap.used = 40 * MB + 40 * MB * GROWTH - 1;
    assert.equal(guard.check(), false);
    heap.used = 40 * MB + 40 * MB * GROWTH + 1;
    assert.equal(guard.check(), true);
  });

  it('follows the heap down after V8 collected on its own, and measures growth from there', () => {
    const { heap, guard } = fakeHeap(20 * MB, 2 * MB);
    guard.check();
    heap.used = 2 * MB;
    assert.equal(guard.check(), false);
    heap.used = 2 * MB + MIN_GROWTH_BYTES + 1;
    assert.equal(guard.check(), true, 'growth is counted from the lower floor, not from the first reading');
  });

  it('takes the heap after its own collection as the new floor', () => {
    const { heap, guard } = fakeHeap(10 * MB, 10 * MB);
    guard.check();
    heap.live = 11 * MB;
    heap.used = 13 * MB;
    assert.equal(guard.check(), true);
    heap.used = 11 * MB + 11 * MB * GROWTH;
    assert.equal(guard.check(), false, 'the floor is what the collection left (11 MB), not the old 10 MB');
    heap.used = 10 * MB + 10 * MB * GROWTH + 1;
    assert.equal(guard.check(), false, 'growth past the old floor alone does not collect');
  });

  it('checks on activity at most every POKE_MS', () => {
    const { heap, guard } = fakeHeap(2 * MB, 2 * MB);
    guard.check();
    heap.used = 2 * MB + MIN_GROWTH_BYTES + 1;
    heap.now = POKE_MS - 1;
    assert.equal(guard.poke(), false, 'too soon after the last check');
    assert.equal(heap.collections, 0);
    heap.now = POKE_MS;
    assert.equal(guard.poke(), true);
    assert.equal(heap.collections, 1);
  });
});
