// A daemon-wide bound on log bytes accepted but not yet on disk. Each log file buffers up to 1 MiB
// before it pushes back; with many apps writing at once that is hundreds of MB in flight, and glibc
// keeps most of it mapped once freed. Past the budget, captures wait (their pipes pause, the apps'
// writes block) until writes complete, so the daemon's peak stays small whatever the number of apps.

/** Log bytes in flight across all files before captures wait. */
export const WRITE_BUDGET_BYTES = 8 * 1024 * 1024;

export class WriteBudget {
  #used = 0;
  #waiting: Array<() => void> = [];

  constructor(readonly limit: number = WRITE_BUDGET_BYTES) {}

  get used(): number {
    return this.#used;
  }

  take(bytes: number): void {
    this.#used += bytes;
  }

  give(bytes: number): void {
    this.#used -= bytes;
    if (this.#used >= this.limit || this.#waiting.length === 0) return;
    const waiting = this.#waiting;
    this.#waiting = [];
    let index = 0;
    // A woken capture may take again at once: wake in order, and park the rest once the budget is spent.
    for (; index < waiting.length && this.#used < this.limit; index++) (waiting[index] as () => void)();
    if (index < waiting.length) this.#waiting = [...waiting.slice(index), ...this.#waiting];
  }

  /** Runs `then` now if the budget has room, else once writes have given enough back. */
  whenBelow(then: () => void): void {
    if (this.#used < this.limit) then();
    else this.#waiting.push(then);
  }
}
