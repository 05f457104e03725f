import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runHelper } from '../../src/os/helper-process.js';
import { groupMembers, isLiveState, readStat } from '../../src/os/procfs.js';
import { waitFor } from '../../../../tests/helpers/wait.js';

const node = process.execPath;

// Prints its pid and a grandchild's (same group, both ignoring SIGTERM) on fd 3 once both run.
const STUBBORN = `
const { spawn } = require('node:child_process');
process.on('SIGTERM', () => {});
const grandchild = spawn(process.execPath, ['-e', 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)'], { stdio: 'ignore' });
require('node:fs').writeSync(3, JSON.stringify({ pid: process.pid, grandchild: grandchild.pid }));
setInterval(() => {}, 1000);
`;

describe('runHelper', () => {
  it('collects stdin-fed output, stderr and the fd 3 reply, each within its bound', async () => {
    const result = await runHelper({
      command: [node, '-e', 'process.stdin.pipe(process.stdout); process.stderr.write("x".repeat(100) + "END"); require("fs").writeSync(3, "reply")'],
      input: 'hello',
      timeoutMs: 10_000,
      collect: { stdout: true, stderr: true, reply: true },
      outputLimit: 10,
    });
    assert.deepEqual(result, { code: 0, signal: null, killed: null, stdout: 'hello', stderr: 'xxxxxxxEND', reply: 'reply' });
  });

  it('kills the whole group at the deadline, SIGTERM-proof grandchild included', async () => {
    const started = Date.now();
    const result = await runHelper({ command: [node, '-e', STUBBORN], timeoutMs: 1500, collect: { reply: true } });
    assert.equal(result.killed, 'timeout');
    assert.equal(result.signal, 'SIGKILL');
    assert.ok(Date.now() - started < 10_000);
    const { pid, grandchild } = JSON.parse(result.reply) as { pid: number; grandchild: number };
    await waitFor('the group gone', () => groupMembers(pid).length === 0 && readStat(grandchild)?.pgrp !== pid, { timeoutMs: 5000 });
  });

  it('kills what the helper left behind when it exits', async () => {
    const result = await runHelper({
      command: [node, '-e', 'const c = require("child_process").spawn("sleep", ["60"], { stdio: "ignore" }); require("fs").writeSync(3, String(c.pid)); process.exit(0)'],
      timeoutMs: 10_000,
      collect: { reply: true },
    });
    assert.equal(result.code, 0);
    assert.equal(result.killed, null);
    const leftover = Number(result.reply);
    await waitFor('the backgrounded sleep gone', () => !isLiveState(readStat(leftover)?.state ?? 'X'), { timeoutMs: 5000 });
  });

  it('kills the group past its resident-memory limit', async () => {
    const result = await runHelper({
      command: [node, '-e', 'const kept = []; setInterval(() => kept.push(Buffer.alloc(16 * 1024 * 1024, 1)), 10)'],
      timeoutMs: 30_000,
      rssLimitBytes: 200 * 1024 * 1024,
    });
    assert.equal(result.killed, 'memory');
    assert.equal(result.signal, 'SIGKILL');
  });

  it('can be cancelled, and rejects a program that cannot be started', async () => {
    const result = await runHelper({ command: ['sleep', '60'], timeoutMs: 30_000, onStart: (cancel) => setImmediate(cancel) });
    assert.equal(result.killed, 'cancelled');
    await assert.rejects(runHelper({ command: ['/nonexistent/program'], timeoutMs: 1000 }), /ENOENT/);
  });
});
