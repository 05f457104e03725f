// How many requests all socket clients together may start in one turn of the event loop. Past it, the
// rest wait for the next turn: the daemon's own work (a child's exit, a restart timer, a file write
// completing) then waits behind at most this many requests, not behind one per connected client, so
// supervision keeps its pace while the socket is busy (bench/rpc-load.mjs).
export class TurnBudget {
  #left: number;
  readonly #waiting = new Set<() => void>();
  #refillScheduled = false;

  constructor(private readonly perTurn: number) {
    this.#left = perTurn;
  }

  /** True while requests may still start in this turn. */
  available(): boolean {
    return this.#left > 0;
  }

  spend(requests: number): void {
    this.#left -= requests;
    this.#scheduleRefill();
  }

  /** Calls `resume` once the budget is refilled, next turn; clients resume in the order they asked. */
  waitTurn(resume: () => void): void {
    this.#waiting.add(resume);
    this.#scheduleRefill();
  }

  #scheduleRefill(): void {
    if (this.#refillScheduled) return;
    this.#refillScheduled = true;
    setImmediate(() => {
      this.#refillScheduled = false;
      this.#left = this.perTurn;
      const waiting = [...this.#waiting];
      this.#waiting.clear();
      for (const resume of waiting) resume();
    });
  }
}
