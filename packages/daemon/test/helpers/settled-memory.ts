// Memory readings for unit tests, taken after full collections.
import { collectGarbage } from '../../src/memory/collect-garbage.js';

/**
 * process.memoryUsage() once everything unreachable is freed. V8 frees dead ArrayBuffer backing stores on a
 * background thread after a full GC and only then lowers arrayBuffers, which on a loaded machine can be after the
 * reading (seen: all 1.9 MB of dead samples still counted); a second GC first finishes that sweep.
 */
export function settledMemoryUsage(): NodeJS.MemoryUsage {
  collectGarbage('major');
  collectGarbage('major');
  return process.memoryUsage();
}
