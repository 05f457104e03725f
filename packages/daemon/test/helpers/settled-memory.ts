// Memory readings for unit tests, taken after full collections (node:v8 exposes gc() on demand).
import v8 from 'node:v8';
import vm from 'node:vm';

function majorGc(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

/**
 * process.memoryUsage() once everything unreachable is freed. V8 frees dead ArrayBuffer backing stores on a
 * background thread after a full GC and only then lowers arrayBuffers, which on a loaded machine can be after the
 * reading (seen: all 1.9 MB of dead samples still counted); a second GC first finishes that sweep.
 */
export function settledMemoryUsage(): NodeJS.MemoryUsage {
  majorGc();
  majorGc();
  return process.memoryUsage();
}
