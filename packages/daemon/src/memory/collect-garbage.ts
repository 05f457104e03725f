// Garbage collection on demand. Every launcher starts svctld with --expose-gc (DAEMON_NODE_FLAGS), so `gc` is
// a global; a daemon started by hand without the flag exposes it at first use (node:v8 and node:vm are loaded
// only then, not at start: each built-in costs the idle daemon RSS). If that ever fails, nothing breaks: the
// daemon just keeps more garbage until V8 collects it.
// A major GC is `gc()` with no argument: Node 20's V8 (11.3) reads only `type: 'minor'` and `execution: 'async'`
// from an options object, so `gc({ type: 'major' })` is taken as "some truthy argument" and runs a scavenge,
// which never frees what was promoted to the old generation.
import { createRequire } from 'node:module';
import type v8 from 'node:v8';
import type vm from 'node:vm';

type GcFunction = (options?: { type: 'minor' }) => void;

let gcFunction: GcFunction | null | undefined;

function exposedGc(): GcFunction | null {
  const global: unknown = (globalThis as { gc?: unknown }).gc;
  if (typeof global === 'function') return global as GcFunction;
  try {
    const require = createRequire(import.meta.url);
    (require('node:v8') as typeof v8).setFlagsFromString('--expose-gc');
    const exposed: unknown = (require('node:vm') as typeof vm).runInNewContext('gc');
    return typeof exposed === 'function' ? (exposed as GcFunction) : null;
  } catch {
    return null;
  }
}

/** Runs a scavenge (`minor`) or a full mark-compact (`major`) now. */
export function collectGarbage(kind: 'minor' | 'major'): void {
  gcFunction ??= exposedGc();
  if (kind === 'minor') gcFunction?.({ type: 'minor' });
  else gcFunction?.();
}

/** Bytes of the V8 heap in use now (live objects and garbage not yet collected). */
export function heapUsedBytes(): number {
  return process.memoryUsage().heapUsed;
}
