import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { freePort } from '../health/health-helpers.js';
import { isOnline, startOk, waitForInstances, writeAppFile } from '../helpers/apps.js';
import { makeHome } from '../helpers/home.js';
import { FIXTURES } from '../helpers/paths.js';
import { assertReloadsFailNothing, reloadUnderLoad } from './reload-under-load.js';

function clusterApp(t: TestContext, port: number, extra: Record<string, unknown> = {}): string {
  const entry = { name: 'web', script: path.join(FIXTURES, 'cluster-http.js'), exec_mode: 'cluster', instances: 2, env: { PORT: port, ...(extra.env as object) }, ...extra };
  return writeAppFile(t, `module.exports = { apps: [${JSON.stringify({ ...entry, env: { PORT: port, ...(extra.env as object) } })}] };\n`, 'ecosystem.config.js');
}

describe('cluster reload under load', () => {
  it('replaces every worker with zero failed and zero non-2xx requests, keep-alive off and on, and prints each step with its duration', async (t) => {
    const home = makeHome(t);
    const port = await freePort();
    await startOk([clusterApp(t, port, { listen_timeout: 20_000 })], { home });
    await waitForInstances({ home }, 'web', isOnline, 2);
    await assertReloadsFailNothing(t, home, 'web', port, (row) => [
      new RegExp(`web\\[${row.instance}\\] new pid \\d+ listening in \\d+ ms`),
      new RegExp(`web\\[${row.instance}\\] old pid ${row.pid} out of rotation, drained and stopped in \\d+ ms`),
    ]);
  });

  it('a replacement that never listens: the rollout stops, the old workers keep serving, reload exits non-zero naming the instance and the reason', async (t) => {
    const home = makeHome(t);
    const port = await freePort();
    const marker = path.join(fs.mkdtempSync('/tmp/svctl-never-'), 'never');
    t.after(() => fs.rmSync(path.dirname(marker), { recursive: true, force: true }));
    await startOk([clusterApp(t, port, { listen_timeout: 3000, env: { NEVER_LISTEN_FILE: marker } })], { home });
    const rows = await waitForInstances({ home }, 'web', isOnline, 2);
    fs.writeFileSync(marker, '');
    const { result, output, code } = await reloadUnderLoad(t, home, 'web', port, true);
    assert.notEqual(code, 0);
    assert.match(output, /reload of web\[0\] failed: reload_not_ready: the new worker \(pid \d+\) did not listen within listen_timeout 3000 ms/);
    assert.equal(result.failed, 0, result.errors.join('; '));
    assert.equal(result.non2xx, 0);
    const after = await waitForInstances({ home }, 'web', isOnline, 2);
    assert.deepEqual(after.map((row) => row.pid), rows.map((row) => row.pid), 'the old workers are still the instances');
    assert.ok(rows.every((row) => (result.pids.get(row.pid ?? 0) ?? 0) > 0), 'both old workers kept answering');
  });
});
