import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isOnline, startFails, startOk, waitForInstances, writeAppFile } from '../helpers/apps.js';
import { runCliJson } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { EXAMPLES, FIXTURES } from '../helpers/paths.js';
import { isAlive, waitFor } from '../helpers/wait.js';

async function httpPid(port: number): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/`);
  return ((await response.json()) as { pid: number }).pid;
}

function cpuTicks(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return Number(fields[11]) + Number(fields[12]);
}

describe('restart on crash', () => {
  it('examples/api.json serves HTTP; after kill -9 a new pid serves and restarts is 1', async (t) => {
    const home = makeHome(t);
    await startOk([path.join(EXAMPLES, 'api.json')], { home });
    const [first] = await waitForInstances({ home }, 'api', isOnline, 1);
    const pid = await waitFor('HTTP answer', () => httpPid(3000));
    assert.equal(pid, first?.pid);
    process.kill(pid, 'SIGKILL');
    const [second] = await waitForInstances({ home }, 'api', (row) => isOnline(row) && row.pid !== pid, 1);
    assert.equal(second?.restarts, 1);
    assert.equal(second?.signal, 'SIGKILL');
    assert.equal(await waitFor('HTTP answer from the new process', async () => ((await httpPid(3000)) === second?.pid ? second.pid : undefined)), second?.pid);
  });

  it('a crash-looping app ends errored after max_restarts, with growing delays and a quiet daemon', async (t) => {
    const home = makeHome(t);
    const file = writeAppFile(t, { apps: [{ name: 'loop', script: path.join(FIXTURES, 'crash.js'), max_restarts: 6, min_uptime: 1000 }] });
    const { json: ping } = await runCliJson<{ pid: number }>(['ping'], { home });
    const ticksBefore = cpuTicks(ping.pid);
    const startedAt = Date.now();
    await startFails([file], { home });
    const [row] = await waitForInstances({ home }, 'loop', (r) => r.status === 'errored', 1, 30_000);
    const elapsedMs = Date.now() - startedAt;
    const cpuPercent = ((cpuTicks(ping.pid) - ticksBefore) * 10 * 100) / elapsedMs; // ticks are 10 ms
    assert.equal(row?.reason, 'crash');
    assert.match(row?.detail ?? '', /unstable/);
    const { json } = await runCliJson<Array<{ instances: Array<{ history: Array<{ to: string; detail: string }> }> }>>(['describe', 'loop'], { home });
    const delays = (json[0]?.instances[0]?.history ?? [])
      .filter((event) => event.to === 'waiting')
      .map((event) => Number(/restart in (\d+)ms/.exec(event.detail)?.[1]));
    assert.ok(delays.length >= 5, `restarts were scheduled: ${JSON.stringify(delays)}`);
    for (let i = 2; i < delays.length; i++) assert.ok((delays[i] ?? 0) > (delays[i - 1] ?? 0), `delays grow: ${JSON.stringify(delays)}`);
    assert.ok(cpuPercent < 30, `daemon CPU during the crash loop was ${cpuPercent.toFixed(1)}%`);
  });

  it('stopping an app that ignores SIGTERM takes about kill_timeout and leaves neither it nor its grandchild', async (t) => {
    const home = makeHome(t);
    const file = writeAppFile(t, { apps: [{ name: 'stubborn', script: path.join(FIXTURES, 'ignore-sigterm.js'), kill_timeout: 1500 }] });
    await startOk([file], { home });
    await waitForInstances({ home }, 'stubborn', isOnline, 1);
    const { json } = await runCliJson<Array<{ log_files: { out: string } }>>(['describe', 'stubborn'], { home });
    const pids = await waitFor('both pids in the log', () => {
      const line = fs.readFileSync(json[0]?.log_files.out ?? '', 'utf8').split('\n').find((l) => l.startsWith('{'));
      return line === undefined ? undefined : (JSON.parse(line) as { pid: number; grandchild: number });
    });
    assert.ok(isAlive(pids.pid) && isAlive(pids.grandchild));
    const before = Date.now();
    const { result } = await runCliJson(['stop', 'stubborn'], { home });
    const took = Date.now() - before;
    assert.equal(result.code, 0, result.stderr);
    assert.ok(took >= 1400 && took < 5000, `stop took ${took} ms`);
    assert.ok(!isAlive(pids.pid), 'the app is gone');
    assert.ok(!isAlive(pids.grandchild), 'the grandchild is gone');
  });
});
