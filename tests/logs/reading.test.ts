import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { LogEntry } from '@svctl/protocol';
import { isOnline, startOk, waitForInstances, writeAppFile } from '../helpers/apps.js';
import { runCli } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { CLI_BIN, FIXTURES } from '../helpers/paths.js';
import { waitFor } from '../helpers/wait.js';

async function logsJson(home: string, args: string[]): Promise<LogEntry[]> {
  const result = await runCli(['logs', ...args, '--json'], { home });
  assert.equal(result.code, 0, result.stderr);
  return result.stdout.trim() === '' ? [] : result.stdout.trim().split('\n').map((line) => JSON.parse(line) as LogEntry);
}

describe('reading logs', () => {
  it('logs --follow shows a line within 100 ms of the write, keeps following across a restart (with a marker), and ends with exit 0 on Ctrl-C', async (t) => {
    const home = makeHome(t);
    const file = writeAppFile(t, { apps: [{ name: 'api', script: path.join(FIXTURES, 'stamp-lines.js'), env: { INTERVAL_MS: '100' } }] });
    await startOk([file], { home });
    const [first] = await waitForInstances({ home }, 'api', isOnline, 1);
    const follower = spawn(process.execPath, [CLI_BIN, 'logs', 'api', '--follow', '--lines', '0'], {
      env: { ...process.env, SVCTL_HOME: home, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => follower.on('exit', (code) => resolve(code)));
    t.after(() => {
      if (follower.exitCode === null) follower.kill('SIGKILL');
    });
    const received: Array<{ line: string; at: number }> = [];
    let stderr = '';
    let pending = '';
    follower.stdout.on('data', (chunk: Buffer) => {
      const at = Date.now();
      pending += chunk.toString();
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      for (const line of parts) received.push({ line, at });
    });
    follower.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const stamps = () =>
      received.flatMap(({ line, at }) => {
        const match = /^api\| stamp (\d+) (\d+) \d+$/.exec(line);
        return match === null ? [] : [{ delay: at - Number(match[1]), pid: Number(match[2]) }];
      });
    await waitFor('ten followed lines', () => stamps().length >= 10, { timeoutMs: 20_000 });
    const delays = stamps().map((stamp) => stamp.delay).sort((a, b) => a - b);
    const median = delays[Math.floor(delays.length / 2)] ?? Infinity;
    assert.ok(median < 100, `median delay ${median} ms (all: ${delays.join(', ')})`);

    assert.equal((await runCli(['restart', 'api'], { home })).code, 0);
    await waitFor('a restart marker', () => received.some(({ line }) => /^api\| \[svctl\] restarting/.test(line)), { timeoutMs: 20_000 });
    await waitFor('lines from the new process', () => stamps().some((stamp) => stamp.pid !== first?.pid), { timeoutMs: 20_000 });

    follower.kill('SIGINT');
    assert.equal(await exited, 0, stderr);
    assert.equal(stderr, '');
  });

  it('logs --lines 100 after a million lines: from the ring, and from the files once the ring no longer holds them', async (t) => {
    const home = makeHome(t);
    // 13 bytes a line, rotated every 100K: the current file holds the last few thousand lines.
    const file = writeAppFile(t, { apps: [{ name: 'big', script: path.join(FIXTURES, 'million-lines.js'), args: ['1000000'], log_max_size: '100K', log_max_files: 5 }] });
    // A daemon-wide log ring of 1 MiB (log_ring_size), so that a flood on stderr evicts the stdout lines.
    await startOk([file], { home, env: { SVCTL_LOG_RING_SIZE: '1M' } });
    const out = path.join(home, 'logs', 'big-out.log');
    await waitFor('the millionth line on disk', () => fs.existsSync(out) && fs.readFileSync(out, 'utf8').endsWith('line 1000000\n'), { timeoutMs: 30_000 });
    const expected = Array.from({ length: 100 }, (_, index) => `line ${String(999_901 + index).padStart(7, '0')}`);

    const fromRing = await logsJson(home, ['big', '--out', '--lines', '100']);
    assert.deepEqual(fromRing.map((entry) => entry.msg), expected);
    assert.ok(fromRing.every((entry) => entry.at !== null && entry.stream === 'out' && entry.app === 'big'));

    // 2 MB on stderr push every stdout line out of the 1 MiB ring: now the answer comes from the files.
    assert.equal((await runCli(['signal', 'SIGUSR2', 'big'], { home })).code, 0);
    const err = path.join(home, 'logs', 'big-err.log');
    await waitFor('the stderr flood on disk', () => fs.existsSync(err) && fs.readFileSync(err, 'utf8').endsWith('flood done\n'), { timeoutMs: 20_000 });
    const fromFiles = await logsJson(home, ['big', '--out', '--lines', '100']);
    assert.deepEqual(fromFiles.map((entry) => entry.msg), expected);
    assert.ok(fromFiles.every((entry) => entry.at === null), 'lines read back from a plain file have no capture time');

    // More than the current file holds: the rotated file is read too, in order.
    const current = fs.readFileSync(out, 'utf8').split('\n').length - 1;
    const across = await logsJson(home, ['big', '--out', '--lines', String(current + 50)]);
    assert.equal(across.length, current + 50);
    assert.equal(across[0]?.msg, `line ${String(1_000_000 - current - 49).padStart(7, '0')}`);
    assert.equal(across.at(-1)?.msg, 'line 1000000');

    // Both streams, plain text with a name prefix.
    const plain = await runCli(['logs', 'big', '--lines', '2'], { home });
    assert.equal(plain.code, 0, plain.stderr);
    assert.deepEqual(plain.stdout.trim().split('\n').sort(), [`big| err ${'e'.repeat(95)}`, 'big| flood done', 'big| line 0999999', 'big| line 1000000'].sort());
  });

  it('a backlog over the 4 MiB limit keeps the newest lines and says so, naming the app', async (t) => {
    const home = makeHome(t);
    const file = writeAppFile(t, { apps: [{ name: 'wide', script: path.join(FIXTURES, 'million-lines.js'), args: ['100000'] }] });
    await startOk([file], { home });
    await waitForInstances({ home }, 'wide', isOnline, 1);
    const out = path.join(home, 'logs', 'wide-out.log');
    await waitFor('the last line on disk', () => fs.existsSync(out) && fs.readFileSync(out, 'utf8').endsWith('line 0100000\n'), { timeoutMs: 30_000 });
    const entries = await logsJson(home, ['wide', '--out', '--lines', '100000']);
    const notice = entries.find((entry) => entry.stream === 'svctl');
    const lines = entries.filter((entry) => entry.stream === 'out');
    assert.ok(lines.length < 100_000, `the backlog was cut (${lines.length} lines)`);
    assert.equal(lines.at(-1)?.msg, 'line 0100000', 'the newest lines are the ones kept');
    assert.match(notice?.msg ?? '', new RegExp(`showing the newest ${lines.length} of 100000 lines .*svctl describe wide`));
  });

  it('logs for an unknown app fails with exit 1', async (t) => {
    const home = makeHome(t);
    const result = await runCli(['logs', 'nope'], { home });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /no app matches "nope"/);
  });
});
