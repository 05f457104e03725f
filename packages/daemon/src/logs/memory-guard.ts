// Keeps the daemon's memory flat while apps write fast. Every chunk read from a pipe is a fresh
// Buffer outside the V8 heap; V8 frees them only when a GC runs, and with little JS allocation it
// waits until ~64 MB of such garbage has piled up. So after every GUARD_BYTES of captured output the
// daemon asks for a minor GC (a scavenge: sub-millisecond, frees the short-lived pipe buffers).
// `gc` is exposed at run time (v8 flag + a fresh context); if that ever fails, nothing breaks, the
// daemon just peaks higher.
import v8 from 'node:v8';
import vm from 'node:vm';

type GcFunction = (options?: { type?: 'minor' | 'major'; execution?: 'sync' | 'async' }) => void;

export const GUARD_BYTES = 4 * 1024 * 1024;

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

  constructor(private readonly threshold: number = GUARD_BYTES) {}

  /** Counts captured bytes; every `threshold` bytes, one minor GC. */
  add(bytes: number): void {
    this.#bytes += bytes;
    if (this.#bytes < this.threshold) return;
    this.#bytes = 0;
    loadGc()?.({ type: 'minor' });
  }
}
