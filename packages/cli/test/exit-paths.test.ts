// Every way out of the CLI goes through the one exit-code map (src/exit-codes.ts) and bin.ts.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src');
const sources = (fs.readdirSync(SRC, { recursive: true }) as string[])
  .filter((file) => file.endsWith('.ts'))
  .map((file) => ({ file, text: fs.readFileSync(path.join(SRC, file), 'utf8') }));

it('only bin.ts exits the process or sets its exit code', () => {
  const offenders = sources.filter(({ file, text }) => file !== 'bin.ts' && /process\.exit/.test(text)).map(({ file }) => file);
  assert.deepEqual(offenders, []);
  assert.ok(sources.some(({ file, text }) => file === 'bin.ts' && text.includes('process.exit(')), 'bin.ts exits');
});

it('usage and unreachable exit codes come only from an error code through exitCodeFor', () => {
  const offenders = sources.filter(({ file, text }) => file !== 'exit-codes.ts' && /\bEXIT_(USAGE|UNREACHABLE)\b/.test(text)).map(({ file }) => file);
  assert.deepEqual(offenders, []);
});

it('no exit code is written as a number outside the map', () => {
  const dealsInExitCodes = sources.filter(({ file, text }) => file !== 'exit-codes.ts' && text.includes('exit-codes.js'));
  assert.ok(dealsInExitCodes.length > 5, 'the scan sees the commands');
  const offenders = dealsInExitCodes.filter(({ text }) => /\b(return|finish\(|resolve\(|exitAfterFlush\()\s*-?\d/.test(text)).map(({ file }) => file);
  assert.deepEqual(offenders, []);
});
