// Keeps the daemon's memory flat while apps write fast, and gives it back when they stop. Every chunk
// read from a pipe is a fresh Buffer outside the V8 heap; V8 frees them only when a GC runs, and with
// little JS allocation it lets hundreds of MB of such garbage pile up (100 apps writing 5 MB each: 266 MB
// of dead buffers). So:
// - every GUARD_BYTES of captured output, a minor GC (a scavenge: sub-millisecond, frees the short-lived buffers);
// - every MAJOR_GUARD_BYTES, a major GC (buffers held a while, by back-pressure, were promoted out of reach of scavenges);
// - once output has stopped for IDLE_MS, one major GC, so a quiet daemon holds no garbage buffers;
// - after an app is deleted, the same: one major GC once the daemon has been quiet for IDLE_MS, so what the
//   app held (units, pipes, captures, files) is freed while the daemon idles, not whenever V8 next needs room.
// `gc` is exposed at run time (v8 flag + a fresh context); if that ever fails, nothing breaks, the
// daemon just peaks higher. A major GC is `gc()` with no argument: Node 20's V8 (11.3) reads only
// `type: 'minor'` and `execution: 'async'` from an options object, so `gc({ type: 'major' })` is taken as
// "some truthy argument" and runs a scavenge, which never frees buffers promoted to the old generation.
import v8 from 'node:v8';
import vm from 'node:vm';

type GcFunction = (options?: { type: 'minor' }) => void;

export const GUARD_BYTES = 4 * 1024 * 1024;
const MAJOR_GUARD_BYTES = 16 * 1024 * 1024;
const IDLE_MS = 1000;

let gcFunction: GcFunction | null | undefined;

function loadGc(): GcFunction | null {
  if (gcFunction !== undefined) return gcFunction;
  try {
    v8.setFlagsFromString('--expose-gc');
    const exposed: unknown = vm.runInNewContext('gc');
    gcFunction = typeof exposed === 'function' ? (exposed as GcFunction) : null;
  } catch {
    gcFunction = null;
  }
  return gcFunction;
}

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
      loadGc()?.({ type: 'minor' });
      return;
    }
    this.#sinceMajor = 0;
    loadGc()?.();
  }

  /** Something was let go (an app deleted): one major GC once no output was captured for IDLE_MS. */
  settle(): void {
    this.#idleTimer?.refresh();
    this.#idleTimer ??= setTimeout(() => this.#quiet(), IDLE_MS).unref();
  }

  #quiet(): void {
    this.#idleTimer = null;
    this.#sinceMajor = 0;
    loadGc()?.();
  }
}
