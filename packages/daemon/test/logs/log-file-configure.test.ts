// LogFile.configure: an app file that changed log_max_size (or the other rotation keys) in place reaches the open file.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { it } from 'node:test';
import { LogFile, type FileReporter } from '../../src/logs/log-file.js';

const reporter: FileReporter = { failed: () => undefined, recovered: () => undefined, missing: () => undefined, dropped: () => undefined };

/** Polls until `check` holds (bounded): file writes are asynchronous. */
async function until(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

it('a smaller log_max_size given to an open file rotates it at the next write past it', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'svctl-logfile-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = new LogFile(path.join(dir, 'app.log'), { maxSize: 1024 * 1024, maxFiles: 2, maxAgeMs: null, compress: false }, reporter);
  t.after(() => file.close());
  const line = Buffer.from(`${'x'.repeat(99)}\n`);
  for (let index = 0; index < 10; index += 1) file.write(line);
  await until('1000 bytes written', () => fs.existsSync(file.file) && fs.statSync(file.file).size === 1000);
  assert.equal(fs.existsSync(`${file.file}.1`), false);

  file.configure({ maxSize: 500, maxFiles: 2, maxAgeMs: null, compress: false });
  file.write(line);
  await until('the file rotated to app.log.1', () => fs.existsSync(`${file.file}.1`));
});
