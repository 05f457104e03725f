// OutputFiles: an instance that prints nothing holds no log writer; the first line acquires the files.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { pino } from 'pino';
import { waitFor } from '../../../../tests/helpers/wait.js';
import { LogService } from '../../src/logs/log-service.js';
import { logPaths, OutputFiles } from '../../src/logs/output-files.js';
import { specFor } from '../persistence/fixtures.js';

test('log files are acquired at the first line, not at the spawn; closing releases them', async (t) => {
  const home = fs.mkdtempSync('/tmp/svctl-');
  t.after(() => fs.rmSync(home, { recursive: true, force: true }));
  const logs = new LogService({ maxSize: 1 << 20, maxFiles: 1, maxAgeMs: null, compress: false }, pino({ level: 'silent' }), 1 << 20, home);
  t.after(() => logs.close());
  const spec = specFor('quiet');
  const paths = logPaths(path.join(home, 'logs'), spec, 0);
  const output = new OutputFiles(paths, { logs, spec: () => spec });
  const streams = output.open(0);
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  streams.stdout.attach(stdout);
  streams.stderr.attach(stderr);

  assert.deepEqual(await logs.reopen(), [], 'no file is open while the instance prints nothing');
  stdout.write('first line\n');
  await waitFor('the line on disk', () => fs.existsSync(paths.out) && fs.readFileSync(paths.out, 'utf8').includes('first line\n'));
  assert.deepEqual((await logs.reopen()).sort(), [paths.err, paths.out].sort());

  stdout.end();
  stderr.end();
  await output.close();
  assert.deepEqual(await logs.reopen(), []);
});
