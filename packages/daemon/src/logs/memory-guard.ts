// Keeps the daemon's memory flat while apps write fast, and gives it back when they stop. Every chunk
// read from a pipe is a fresh Buffer outside the V8 heap; V8 frees them only when a GC runs, and with
// little JS allocation it lets hundreds of MB of such garbage pile up (100 apps writing 5 MB each: 266 MB
// of dead buffers). So:
// - every GUARD_BYTES of captured output, a minor GC (a scavenge: sub-millisecond, frees the short-lived buffers);
// - every MAJOR_GUARD_BYTES, a major GC (buffers held a while, by back-pressure, were promoted out of reach of scavenges);
// - once output has stopped for IDLE_MS, one major GC, so a quiet daemon holds no garbage buffers;
// - after an app is deleted, the same: one major GC once the daemon has been quiet for IDLE_MS, so what the
//   app held (units, pipes, captures, files) is freed while the daemon idles, not whenever V8 next needs room.
import { collectGarbage } from '../memory/collect-garbage.js';

export const GUARD_BYTES = 4 * 1024 * 1024;
const MAJOR_GUARD_BYTES = 16 * 1024 * 1024;
const IDLE_MS = 1000;

export class MemoryGuard {
  #bytes = 0;
  #sinceMajor = 0;
  #idleTimer: NodeJS.Timeout | null = null;

  constructor(private readonly threshold: number = GUARD_BYTES) {}

  /** Counts captured bytes; every `threshold` bytes one minor GC, and one major GC after a burst. */
  add(bytes: number): void {
    this.#bytes += bytes;
    this.settle();
    if (this.#bytes < this.threshold) return;
    this.#sinceMajor += this.#bytes;
    this.#bytes = 0;
    if (this.#sinceMajor < MAJOR_GUARD_BYTES) {
      collectGarbage('minor');
      return;
    }
    this.#sinceMajor = 0;
    collectGarbage('major');
  }

  /** Something was let go (an app deleted): one major GC once no output was captured for IDLE_MS. */
  settle(): void {
    this.#idleTimer?.refresh();
    this.#idleTimer ??= setTimeout(() => this.#quiet(), IDLE_MS).unref();
  }

  #quiet(): void {
    this.#idleTimer = null;
    this.#sinceMajor = 0;
    collectGarbage('major');
  }
}
