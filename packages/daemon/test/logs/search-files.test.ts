import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import type { LogEntry } from '@svctl/protocol';
import { BackwardLines } from '../../src/logs/backward-lines.js';
import { compileSearch, searchLogFiles, type SearchBounds, type SearchedFile } from '../../src/logs/search-files.js';

function tempDir(t: TestContext): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'svctl-search-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** api-out.log with `current` lines, and .1, .2 with the older ones (line numbers count up from the oldest). */
function writeChain(dir: string, name: string, counts: number[]): string[] {
  const file = path.join(dir, name);
  const files = counts.map((_, index) => (index === 0 ? file : `${file}.${index}`));
  let line = 1;
  for (let index = counts.length - 1; index >= 0; index--) {
    const text = Array.from({ length: counts[index] ?? 0 }, () => `line ${String(line++).padStart(6, '0')} ${'x'.repeat(40)}`).join('\n');
    fs.writeFileSync(files[index] as string, `${text}\n`);
  }
  return files;
}

const source = (files: string[], stream: 'out' | 'err' = 'out'): SearchedFile => ({ files, toEntry: (msg): LogEntry => ({ at: null, app: 'api', instance: 0, stream, msg }) });
interface Query extends SearchBounds {
  pattern: string;
  regex: boolean;
  caseSensitive: boolean;
}
const query = (extra: Partial<Query>): Query => ({ pattern: 'x', regex: false, caseSensitive: false, maxMatches: 500, maxBytes: 1e9, timeLimitMs: 60_000, ...extra });

/** The handler's two steps: the pattern compiled (it must be runnable), then the files searched. */
function search(sources: SearchedFile[], what: Query, now?: () => number) {
  const test = compileSearch(what.pattern, what.regex, what.caseSensitive);
  if (typeof test !== 'function') throw new Error(test.error);
  return searchLogFiles(sources, test, what, now);
}

describe('logs.search over the files', () => {
  it('reads a file and its rotated files backwards, newest line first, across block boundaries', async (t) => {
    const dir = tempDir(t);
    const files = writeChain(dir, 'api-out.log', [10_000, 10_000, 10_000]);
    fs.appendFileSync(files[0] as string, 'still being written');
    const reader = new BackwardLines([...files, `${files[0]}.3`]);
    const lines: string[] = [];
    for (let block = await reader.next(); block !== null; block = await reader.next()) lines.push(...block.lines);
    await reader.close();
    assert.equal(lines.length, 30_001);
    assert.equal(lines[0], 'still being written');
    assert.match(lines[1] ?? '', /^line 030000 x{40}$/);
    assert.match(lines.at(-1) ?? '', /^line 000001 x{40}$/);
    assert.ok(lines.every((line, index) => index < 2 || Number(line.slice(5, 11)) === 30_001 - index), 'every line once, in order');
    assert.deepEqual(reader.opened, files, 'the missing .3 ends the chain');
  });

  it('finds a line in the oldest rotated file, case-insensitive; the matches come back oldest first', async (t) => {
    const files = writeChain(tempDir(t), 'api-out.log', [20_000, 10_000, 10_000]);
    const result = await search([source(files)], query({ pattern: 'LINE 000007 ' }));
    assert.deepEqual(result.matches.map((entry) => entry.msg.slice(0, 11)), ['line 000007']);
    assert.equal(result.stopped_by, null);
    assert.deepEqual(result.files, files);
    assert.equal(result.bytes_scanned, files.reduce((sum, file) => sum + fs.statSync(file).size, 0) - files.length, 'every byte but the final newlines');
    const exact = await search([source(files)], query({ pattern: 'LINE 000007 ', caseSensitive: true }));
    assert.equal(exact.matches.length, 0);
  });

  it('stops at max_matches with the newest matches, at max_bytes, and at the time limit, saying which', async (t) => {
    const files = writeChain(tempDir(t), 'api-out.log', [10_000, 10_000]);
    const newest = await search([source(files)], query({ pattern: '^line 0\\d+5 ', regex: true, maxMatches: 3 }));
    assert.deepEqual(newest.matches.map((entry) => entry.msg.slice(5, 11)), ['019975', '019985', '019995']);
    assert.equal(newest.stopped_by, 'max_matches');
    const bounded = await search([source(files)], query({ pattern: 'line 000001 ', maxBytes: 1 }));
    assert.deepEqual([bounded.matches.length, bounded.stopped_by], [0, 'max_bytes']);
    assert.ok(bounded.bytes_scanned < fs.statSync(files[0] as string).size);
    let clock = 0;
    const timed = await search([source(files)], query({ pattern: 'line 000001 ', timeLimitMs: 1_000 }), () => (clock += 600));
    assert.deepEqual([timed.matches.length, timed.stopped_by], [0, 'time_limit']);
  });

  it('shares the bounds between the files in turn, and cuts long lines', async (t) => {
    const dir = tempDir(t);
    const out = writeChain(dir, 'api-out.log', [30_000]);
    const err = path.join(dir, 'api-error.log');
    fs.writeFileSync(err, `${'y'.repeat(5_000)} needle\n`);
    const result = await search([source(out), source([err], 'err')], query({ pattern: 'needle|line 029999 ', regex: true }));
    assert.deepEqual(result.matches.map((entry) => entry.stream), ['out', 'err']);
    assert.equal(result.matches[1]?.msg, `${'y'.repeat(2_000)}… [3007 more characters]`);
  });

  it('runs regular expressions in linear time, and says why RE2 does not run a pattern', async (t) => {
    const dir = tempDir(t);
    const file = path.join(dir, 'evil-out.log');
    // (a+)+$ on "aaa…ab" backtracks for ever in a backtracking engine; here it is one pass over each line.
    fs.writeFileSync(file, `${Array.from({ length: 200 }, () => `${'a'.repeat(5_000)}b`).join('\n')}\n`);
    const started = Date.now();
    const result = await search([source([file])], query({ pattern: '(a+)+$', regex: true }));
    assert.deepEqual([result.matches.length, result.stopped_by], [0, null]);
    assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
    assert.deepEqual(compileSearch('(a)\\1', true, false), { error: 'error parsing regexp: invalid escape sequence: `\\1`' });
    assert.deepEqual(compileSearch('(?=a)', true, false), { error: 'error parsing regexp: invalid or unsupported Perl syntax: `(?=`' });
    assert.equal(typeof compileSearch('(?=a)', false, false), 'function', 'plain text is never a pattern');
  });
});
