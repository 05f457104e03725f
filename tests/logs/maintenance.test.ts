import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { AppDescription } from '@svctl/protocol';
import { isOnline, startOk, waitForInstances, writeAppFile } from '../helpers/apps.js';
import { runCli, runCliJson } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { daemonLogEvents } from '../helpers/log-files.js';
import { FIXTURES } from '../helpers/paths.js';
import { waitFor } from '../helpers/wait.js';

const STAMP = /^stamp \d+ \d+ (\d+)$/;

/** The counters of stamp-lines.js output, asserting every line is whole. */
function counters(file: string): number[] {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (text === '') return [];
  assert.ok(text.endsWith('\n'), `${file} ends mid-line`);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => {
      const match = STAMP.exec(line);
      assert.ok(match !== null, `${file}: not a whole line: ${JSON.stringify(line)}`);
      return Number(match[1]);
    });
}

function assertConsecutive(values: number[], what: string): void {
  for (let index = 1; index < values.length; index++) {
    assert.equal(values[index], (values[index - 1] ?? 0) + 1, `${what}: ${values[index]} after ${values[index - 1]}`);
  }
}

async function startStamper(t: Parameters<typeof makeHome>[0], home: string): Promise<string> {
  const file = writeAppFile(t, { apps: [{ name: 'api', script: path.join(FIXTURES, 'stamp-lines.js'), env: { INTERVAL_MS: '5' } }] });
  await startOk([file], { home });
  await waitForInstances({ home }, 'api', isOnline, 1);
  const out = path.join(home, 'logs', 'api-out.log');
  await waitFor('some lines', () => counters(out).length >= 20);
  return out;
}

describe('log maintenance and failures', () => {
  it('removing the log folder while the app writes: the daemon keeps running, reports the failure, and resumes without losing a line', async (t) => {
    const home = makeHome(t);
    const out = await startStamper(t, home);
    const logs = path.dirname(out);
    const gone = `${logs}.gone`;
    // Move the folder away and put a plain file in its place, so it cannot simply be recreated.
    await waitFor('the folder replaced by a file', () => {
      if (fs.existsSync(logs) && fs.statSync(logs).isDirectory()) {
        fs.rmSync(gone, { recursive: true, force: true });
        fs.renameSync(logs, gone);
      }
      try {
        fs.writeFileSync(logs, 'not a folder\n', { flag: 'wx' });
      } catch {
        return false;
      }
      return true;
    });
    const failed = await waitFor('a log_write_failed event', () => daemonLogEvents(home).find((event) => event.event === 'log_write_failed'), { timeoutMs: 10_000 });
    assert.equal(failed.app, 'api');
    assert.equal(failed.file, out);
    assert.equal(failed.level, 40);
    // Still supervising.
    assert.equal((await runCli(['ping'], { home })).code, 0);
    await waitForInstances({ home }, 'api', isOnline, 1);

    fs.rmSync(logs);
    await waitFor('a log_write_resumed event', () => daemonLogEvents(home).some((event) => event.event === 'log_write_resumed'), { timeoutMs: 10_000 });
    await waitFor('new lines in the recreated folder', () => counters(out).length >= 20);
    assert.equal(daemonLogEvents(home).filter((event) => event.event === 'log_write_failed').length, 1, 'reported once');
    const before = counters(path.join(gone, 'api-out.log'));
    const after = counters(out);
    // Lines written before the failure was noticed are in the moved file; the rest were held and written after.
    assertConsecutive([...before, ...after], 'moved file then new file');
  });

  it('flush empties the files while the app keeps writing whole lines; reload-logs reopens moved files; describe shows sizes', async (t) => {
    const home = makeHome(t);
    const out = await startStamper(t, home);
    const { json: described } = await runCliJson<AppDescription[]>(['describe', 'api'], { home });
    assert.equal(described[0]?.log_files.out, out);
    assert.ok((described[0]?.log_files.out_size ?? 0) > 0);

    const lastBefore = counters(out).at(-1) ?? 0;
    const flushed = await runCli(['flush', 'api'], { home });
    assert.equal(flushed.code, 0, flushed.stderr);
    assert.match(flushed.stdout, /emptied 2 log file\(s\)/);
    assert.ok((counters(out)[0] ?? Infinity) > lastBefore, 'older lines are gone');
    await waitFor('new lines after the flush', () => counters(out).length >= 20);
    assertConsecutive(counters(out), 'after flush');
    const fromRing = await runCli(['logs', 'api', '--out', '--lines', '5'], { home });
    assert.ok(fromRing.stdout.trim().split('\n').every((line) => Number(STAMP.exec(line.replace(/^api\| /, ''))?.[1]) > lastBefore));

    const moved = `${out}.moved`;
    fs.renameSync(out, moved);
    const reopened = await runCli(['reload-logs'], { home });
    assert.equal(reopened.code, 0, reopened.stderr);
    assert.match(reopened.stdout, /reopened \d+ log file\(s\)/);
    await waitFor('lines in the reopened file', () => counters(out).length >= 20);
    assertConsecutive([...counters(moved), ...counters(out)], 'moved file then reopened file');
  });

  it("the daemon's own log rotates and records transitions as structured events", async (t) => {
    const home = makeHome(t);
    const file = writeAppFile(t, { apps: [{ name: 'crashy', script: path.join(FIXTURES, 'crash.js'), max_restarts: 30 }] });
    const result = await runCli(['start', file], { home, env: { SVCTL_DAEMON_LOG_MAX_SIZE: '1K', SVCTL_DAEMON_LOG_MAX_FILES: '2' } });
    assert.ok(result.code === 0 || result.code === 1, result.stderr);
    // Read between rotations (a rotation renames .1 to .2, then daemon.log to .1; renames are atomic).
    const sizes = await waitFor(
      'daemon.log, .1 and .2',
      () => {
        const found = ['daemon.log', 'daemon.log.1', 'daemon.log.2'].map((name) => (fs.existsSync(path.join(home, name)) ? fs.statSync(path.join(home, name)).size : null));
        return found.every((size) => size !== null) ? (found as number[]) : undefined;
      },
      { timeoutMs: 30_000 },
    );
    assert.ok(!fs.existsSync(path.join(home, 'daemon.log.3')));
    for (const size of sizes) assert.ok(size < 2 * 1024, `${size} bytes: rotated at 1 KiB give or take a line`);
    const transitions = fs
      .readFileSync(path.join(home, 'daemon.log.2'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((event) => event.event === 'transition');
    assert.ok(transitions.length > 0);
    assert.ok(transitions.every((event) => event.app === 'crashy' && typeof event.from === 'string' && typeof event.to === 'string'));
  });
});
