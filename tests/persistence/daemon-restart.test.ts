// Issue 6: `svctl daemon restart` (and `svctl update`) save, stop the old daemon, start a new one and
// resurrect: every app is online again, once, and the CLI says what it did and how long it took.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { isOnline, listInstances, startOk, writeAppFile } from '../helpers/apps.js';
import { runCli, runCliJson } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { pidsWithEnv, readDaemonPid } from '../helpers/processes.js';
import { isAlive, waitFor } from '../helpers/wait.js';

const MARKER = 'SVCTL_TEST_MARKER';

describe('daemon restart', () => {
  it('with 10 apps: all online again afterwards, each once, and the time it took is printed', async (t) => {
    const home = makeHome(t);
    const marker = crypto.randomUUID();
    t.after(() => pidsWithEnv(MARKER, marker).forEach((pid) => process.kill(pid, 'SIGKILL')));
    const apps = Array.from({ length: 10 }, (_, index) => ({ name: `app${index}`, script: 'sleep', args: ['3600'], env: { [MARKER]: marker } }));
    await startOk([writeAppFile(t, { apps })], { home });
    const before = await waitFor('10 apps online', async () => {
      const rows = await listInstances({ home });
      return rows.length === 10 && rows.every(isOnline) ? rows : undefined;
    });
    const oldDaemon = readDaemonPid(home);

    const result = await runCli(['daemon', 'restart'], { home });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /saved 10 app\(s\) to .*dump\.json in \d+\.\d\d s/);
    assert.match(result.stdout, /stopped the old daemon and its apps in \d+\.\d\d s/);
    assert.match(result.stdout, /resurrected 10 app\(s\) in \d+\.\d\d s/);
    assert.match(result.stdout, new RegExp(`daemon restarted \\(pid ${oldDaemon} .*→ pid \\d+\\) in \\d+\\.\\d\\d s`));

    assert.ok(!isAlive(oldDaemon), 'the old daemon is gone');
    const after = await listInstances({ home });
    assert.equal(after.length, 10);
    assert.ok(after.every(isOnline), JSON.stringify(after.map((row) => row.status)));
    assert.deepEqual(after.map((row) => [row.app, row.id]), before.map((row) => [row.app, row.id]), 'same apps, same ids');
    assert.deepEqual(pidsWithEnv(MARKER, marker), after.map((row) => row.pid ?? 0).sort((a, b) => a - b), 'each app runs exactly once');
    for (const row of before) assert.ok(!isAlive(row.pid ?? 0), `old process ${row.pid} is gone`);
  });

  it('update reports the timings as JSON, and with no app registered leaves the dump alone', async (t) => {
    const home = makeHome(t);
    const started = await runCli(['daemon', 'start'], { home });
    assert.equal(started.code, 0, started.stderr);
    const { result, json } = await runCliJson<{ saved: number | null; restored: unknown[]; new_pid: number; timings_ms: { total: number } }>(['update'], { home });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(json.saved, null, 'nothing saved: an empty list never overwrites a dump by accident');
    assert.deepEqual(json.restored, []);
    assert.ok(json.timings_ms.total > 0);
    assert.equal(readDaemonPid(home), json.new_pid);
  });
});
