import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { it } from 'node:test';
import { LogFile, type FileReporter } from '../../src/logs/log-file.js';
import { settledMemoryUsage } from '../helpers/settled-memory.js';

const FILES = 40;
const reporter: FileReporter = { failed: () => undefined, recovered: () => undefined, missing: () => undefined, dropped: () => undefined };

/** Polls until everything written has reached the file (bounded). */
async function drained(file: LogFile): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (file.writableLength > 0) {
    assert.ok(Date.now() < deadline, `${file.file} did not drain`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

it('an idle log file holds no batch buffer, also when a burst ended with a lone write', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'svctl-logfile-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const policy = { maxSize: 64 * 1024 * 1024, maxFiles: 1, maxAgeMs: null, compress: false };
  const files = Array.from({ length: FILES }, (_, index) => new LogFile(path.join(dir, `app-${index}.log`), policy, reporter));
  t.after(() => Promise.all(files.map((file) => file.close())));
  const line = Buffer.from(`${'x'.repeat(99)}\n`);
  const before = settledMemoryUsage().arrayBuffers;
  for (const file of files) {
    // The first write goes straight to disk; the ones behind it queue and leave as one batch (_writev, staged).
    for (let index = 0; index < 200; index += 1) file.write(line);
  }
  await Promise.all(files.map(drained));
  // Then one lone write each: the last write of a burst.
  for (const file of files) file.write(line);
  await Promise.all(files.map(drained));
  const held = settledMemoryUsage().arrayBuffers - before;
  // Kept staging buffers would be 2 MiB a file (80 MiB here).
  assert.ok(held < 8 * 1024 * 1024, `idle log files hold ${(held / 1048576).toFixed(1)} MiB of buffers`);
  assert.equal(fs.statSync(path.join(dir, 'app-0.log')).size, line.length * 201);
});
