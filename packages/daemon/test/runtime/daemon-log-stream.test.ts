import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { DaemonLogStream } from '../../src/runtime/daemon-log-stream.js';

function tempFile(t: TestContext): string {
  const dir = fs.mkdtempSync('/tmp/svctl-dls-');
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'daemon.log');
}

const line = (n: number) => `${JSON.stringify({ level: 30, n, msg: 'x'.repeat(80) })}\n`;

function lines(file: string): Array<Record<string, unknown>> {
  return fs.readFileSync(file, 'utf8').trim().split('\n').map((text) => JSON.parse(text) as Record<string, unknown>);
}

describe('DaemonLogStream', () => {
  it('bounds its queue: lines past the bound are dropped and counted in a line where they would have been', async (t) => {
    const file = tempFile(t);
    const stream = new DaemonLogStream(file, { maxSize: 10 * 1024 * 1024, maxFiles: 2, maxQueuedBytes: 10 * line(0).length });
    // All in one tick: nothing can be written in between, so exactly 10 fit and 990 are dropped.
    for (let n = 0; n < 1000; n++) stream.write(line(n));
    await stream.end();
    const written = lines(file);
    assert.deepEqual(written.slice(0, 10).map((entry) => entry.n), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.equal(written.length, 11);
    assert.equal(written[10]?.event, 'daemon_log_dropped');
    assert.equal(written[10]?.dropped, 990);
  });

  it('writes every line, in order, across size rotations', async (t) => {
    const file = tempFile(t);
    const stream = new DaemonLogStream(file, { maxSize: 2048, maxFiles: 100 });
    for (let n = 0; n < 200; n++) {
      stream.write(line(n));
      if (n % 20 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await stream.end();
    const rotated = fs.readdirSync(path.dirname(file)).filter((name) => name !== 'daemon.log').map((name) => Number(name.split('.').at(-1))).sort((a, b) => b - a);
    assert.ok(rotated.length > 3, `${rotated.length} rotated files`);
    const all = [...rotated.map((index) => `${file}.${index}`), file].flatMap(lines);
    assert.deepEqual(all.map((entry) => entry.n), Array.from({ length: 200 }, (_, n) => n));
  });

  it('flushSync writes what is queued at once, for the last words of a dying process', (t) => {
    const file = tempFile(t);
    const stream = new DaemonLogStream(file, { maxSize: 10 * 1024 * 1024, maxFiles: 2 });
    for (let n = 0; n < 5; n++) stream.write(line(n));
    stream.flushSync();
    // No await: the lines are on disk already (the async writer had no turn yet).
    assert.deepEqual(lines(file).map((entry) => entry.n), [0, 1, 2, 3, 4]);
  });
});
