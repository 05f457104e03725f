// A sliding-window limit per rule: at most `max` alerts in any `perMs`, so a crash loop sends a
// handful of alerts, not thousands.
export class RateLimit {
  readonly #sent: number[] = [];
  #suppressed = 0;

  constructor(
    readonly max: number,
    readonly perMs: number,
  ) {}

  /** Takes a slot if one is free at `nowMs`; otherwise counts the alert as suppressed. */
  tryTake(nowMs: number): boolean {
    const cutoff = nowMs - this.perMs;
    while (this.#sent.length > 0 && (this.#sent[0] ?? 0) <= cutoff) this.#sent.shift();
    if (this.#sent.length >= this.max) {
      this.#suppressed += 1;
      return false;
    }
    this.#sent.push(nowMs);
    return true;
  }

  /** Alerts suppressed since the last call (reported with the next alert that goes out). */
  takeSuppressed(): number {
    const count = this.#suppressed;
    this.#suppressed = 0;
    return count;
  }
}
