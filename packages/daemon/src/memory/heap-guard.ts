// Keeps the old generation close to what is live. V8 runs its next mark-compact only once the old generation
// has grown at least 8 MB past what the last one left (more on a larger heap), and a supervisor allocates in
// a steady trickle (samples, RPC answers, timers) whose survivors are promoted and die there: 100 idle apps
// held ~5 MB of such garbage and 1,000 apps ~20 MB, most of the daemon's RSS above its floor
// (bench/HISTORY.md). So every check, when the heap has grown by more than GROWTH (at least MIN_GROWTH_BYTES)
// over the smallest heap seen since the last collection, the guard runs one major GC. A collection of the
// daemon's heap (10-30 MB) takes a few milliseconds and comes every several seconds at most.
// Checks come from a timer (every HEAP_CHECK_MS) and from activity (`poke`, when an instance comes online or
// to rest, at most every POKE_MS): starting 1,000 apps keeps the event loop so busy that timers wait for the end
// of the burst, and the heap it leaves (40 MB committed at 1,000 apps) would otherwise stay until the next timer.
export const HEAP_CHECK_MS = 2000;
export const POKE_MS = 100;
export const MIN_GROWTH_BYTES = 1 * 1024 * 1024;
/** Growth allowed past the live heap, as a share of it. */
export const GROWTH = 0.25;

export interface HeapGuardDeps {
  heapUsed(): number;
  collect(): void;
  /** Monotonic milliseconds. */
  now(): number;
}

export class HeapGuard {
  /** The smallest heap seen since the last collection: close to what is live. */
  #floor: number | null = null;
  #checkedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly deps: HeapGuardDeps) {}

  /** Something allocated (an app changed state): checks, unless a check ran less than POKE_MS ago. */
  poke(): boolean {
    return this.deps.now() - this.#checkedAt < POKE_MS ? false : this.check();
  }

  /** Collects when the heap has grown enough past its floor; true when it did. */
  check(): boolean {
    this.#checkedAt = this.deps.now();
    const used = this.deps.heapUsed();
    if (this.#floor === null || used < this.#floor) {
      this.#floor = used;
      return false;
    }
    if (used - this.#floor <= Math.max(MIN_GROWTH_BYTES, this.#floor * GROWTH)) return false;
    this.deps.collect();
    this.#floor = this.deps.heapUsed();
    return true;
  }
}
