import assert from 'node:assert/strict';
import { it } from 'node:test';
import v8 from 'node:v8';
import vm from 'node:vm';
import { MemoryGuard } from '../../src/logs/memory-guard.js';

const MAJOR_BYTES = 16 * 1024 * 1024;

function scavenge(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as (options: { type: 'minor' }) => void)({ type: 'minor' });
}

/** A WeakRef's target is kept alive until the current job ends: let it end before looking. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A 256 KiB buffer promoted to the old generation and no longer referenced: only a mark-compact frees it. */
async function promotedGarbage(): Promise<WeakRef<Buffer>> {
  let held: Buffer | null = Buffer.alloc(256 * 1024, 1);
  const weak = new WeakRef(held);
  scavenge();
  scavenge();
  await nextTask();
  held = null;
  await nextTask();
  scavenge();
  await nextTask();
  assert.ok(weak.deref() !== undefined, 'a scavenge must not free a promoted buffer (the test would prove nothing)');
  await nextTask();
  return weak;
}

// A buffer held through back-pressure survives scavenges and is promoted to the old generation; only a
// mark-compact frees it. V8 11.3 (Node 20) runs a scavenge for gc({ type: 'major' }), which kept such
// buffers alive after a log flood.
it('the guard’s major GC frees a buffer that was promoted to the old generation', async () => {
  const weak = await promotedGarbage();
  new MemoryGuard(1).add(MAJOR_BYTES);
  await nextTask();
  assert.equal(weak.deref(), undefined);
});

it('after an app is deleted (settle), the guard runs a major GC once the daemon is quiet', async () => {
  const weak = await promotedGarbage();
  new MemoryGuard().settle();
  const deadline = Date.now() + 20_000;
  while (weak.deref() !== undefined) {
    assert.ok(Date.now() < deadline, 'no major GC within 20 s of settle()');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
});
