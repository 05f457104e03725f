// A token bucket per client key (a token's name, or an address without one): `rate` requests per
// second on average, `burst` at once. One noisy client empties only its own bucket.
export interface RateLimit {
  rate: number;
  burst: number;
}

const IDLE_FORGET_MS = 10 * 60_000;

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private lastSweep = 0;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one request from key's bucket: 0 when allowed, else the seconds until one is (for Retry-After). */
  take(key: string): number {
    const now = this.now();
    this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.burst, at: now };
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.limit.rate);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.limit.rate));
  }

  /** Full buckets of clients idle for a while are forgotten, so many addresses cannot grow the map forever. */
  private sweep(now: number): void {
    if (now - this.lastSweep < IDLE_FORGET_MS) return;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) if (now - bucket.at > IDLE_FORGET_MS) this.buckets.delete(key);
  }
}
