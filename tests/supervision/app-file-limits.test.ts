// Regression (issue 10, "the app-file loader can be outlived"): a JS app file that ignores SIGTERM and
// spins outlived its 10 s limit and was orphaned at 99 % CPU. Evaluation now has a time and a memory
// limit, each ending in SIGKILL to its whole process group, and the CLI waits for, and names, the cause.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { APP_FILE_EVALUATION_TIMEOUT_MS, APP_FILE_LOAD_WAIT_MS } from '@svctl/protocol';
import { listInstances, writeAppFile } from '../helpers/apps.js';
import { runCli } from '../helpers/cli.js';
import { startDaemon } from '../helpers/daemon.js';
import { pidsWithEnv } from '../helpers/processes.js';
import { waitFor } from '../helpers/wait.js';

const MARKER = 'SVCTL_TEST_APP_FILE_MARKER';

// Ignores SIGTERM, starts a grandchild (same process group) that ignores it too, then spins.
const SPINNER = `
const { spawn } = require('node:child_process');
process.on('SIGTERM', () => {});
spawn(process.execPath, ['-e', 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)'], { stdio: 'ignore' });
for (;;) {}
`;

// Allocates without bound on the heap.
const HOG = `
const kept = [];
for (;;) kept.push(new Array(1e5).fill(Math.random()));
`;

describe('app-file evaluation limits', () => {
  it('a JS app file that ignores SIGTERM and spins is killed with its grandchild within its deadline; the CLI names the cause', async (t) => {
    // Started first, so the daemon itself does not carry the marker that finds the evaluation's processes.
    const { home } = await startDaemon(t);
    const file = writeAppFile(t, SPINNER, 'spin.config.cjs');
    const marker = randomUUID();
    t.after(() => pidsWithEnv(MARKER, marker).forEach((pid) => process.kill(pid, 'SIGKILL')));
    const started = Date.now();
    // A --timeout shorter than the evaluation's deadline: the CLI still waits for the daemon's answer.
    const cli = runCli(['start', file, '--timeout', '1000'], { home, env: { [MARKER]: marker }, timeoutMs: APP_FILE_LOAD_WAIT_MS + 30_000 });
    // Proof the test can fail: the spinner and its grandchild exist while the load runs.
    await waitFor('the spinner and its grandchild', () => pidsWithEnv(MARKER, marker).length >= 2, { timeoutMs: APP_FILE_EVALUATION_TIMEOUT_MS });
    const result = await cli;
    const elapsed = Date.now() - started;
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /spin\.config\.cjs: cannot be loaded: evaluation did not finish within 10000 ms \(time limit\): killed/);
    assert.ok(elapsed < APP_FILE_LOAD_WAIT_MS, `answered after ${elapsed} ms`);
    await waitFor('no process of the evaluation left', () => pidsWithEnv(MARKER, marker).length === 0, { timeoutMs: 2000 });
    assert.deepEqual(await listInstances({ home }), []);
  });

  it('a JS app file that allocates without bound hits the memory limit, with a clear error and no process left', async (t) => {
    // Started first, so the daemon itself does not carry the marker that finds the evaluation's processes.
    const { home } = await startDaemon(t);
    const file = writeAppFile(t, HOG, 'hog.config.cjs');
    const marker = randomUUID();
    t.after(() => pidsWithEnv(MARKER, marker).forEach((pid) => process.kill(pid, 'SIGKILL')));
    const result = await runCli(['start', file], { home, env: { [MARKER]: marker }, timeoutMs: APP_FILE_LOAD_WAIT_MS + 30_000 });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /hog\.config\.cjs: cannot be loaded: evaluation exceeded the memory limit \(heap 256 MB/);
    await waitFor('no process of the evaluation left', () => pidsWithEnv(MARKER, marker).length === 0, { timeoutMs: 2000 });
  });
});
