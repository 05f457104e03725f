import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import type { AppDescription, InstanceRow } from '@svctl/protocol';
import { freePort } from '../health/health-helpers.js';
import { isOnline, processEnv, startOk, waitForInstances, writeAppFile } from '../helpers/apps.js';
import { runCli, runCliJson } from '../helpers/cli.js';
import { startLoad } from '../helpers/http-load.js';
import { makeHome } from '../helpers/home.js';
import { FIXTURES } from '../helpers/paths.js';
import { parentOf } from '../helpers/processes.js';
import { isAlive, waitFor } from '../helpers/wait.js';

// An unchanged pm2 ecosystem file: a Node HTTP server on one fixed port, `instances: 4`.
function ecosystem(t: TestContext, port: number, app: Record<string, unknown>): string {
  const entry = { name: 'web', script: path.join(FIXTURES, 'cluster-http.js'), instances: 4, env: { PORT: port }, ...app };
  return writeAppFile(t, `module.exports = { apps: [${JSON.stringify(entry)}] };\n`, 'ecosystem.config.js');
}

async function describeApp(home: string): Promise<AppDescription> {
  const { json } = await runCliJson<AppDescription[]>(['describe', 'web'], { home });
  const [description] = json;
  assert.ok(description !== undefined);
  return description;
}

async function assertServesFromWorkers(home: string, port: number): Promise<InstanceRow[]> {
  const rows = await waitForInstances({ home }, 'web', isOnline, 4);
  assert.equal(new Set(rows.map((row) => row.pid)).size, 4, 'four distinct pids');
  // Every worker logged its own listening line (the file's instance logs, as for forked instances).
  await waitFor('a listening line from each worker', async () => {
    const logs = await runCli(['logs', 'web', '--lines', '20', '--no-follow'], { home });
    return rows.every((row) => logs.stdout.includes(`listening ${row.pid} instance ${row.instance}`));
  });
  const load = startLoad(port, { keepAlive: false, concurrency: 4 });
  await load.answered(200);
  const result = await load.stop();
  assert.equal(result.failed, 0, result.errors.join('; '));
  assert.equal(result.non2xx, 0);
  const pids = [...result.pids.keys()];
  assert.ok(pids.length >= 3, `answers from ${pids.length} pid(s) over ${result.ok} requests`);
  assert.ok(pids.every((pid) => rows.some((row) => row.pid === pid)), 'every answer came from a listed worker');
  return rows;
}

describe('cluster mode', () => {
  it('exec_mode cluster, instances 4, one fixed port: four workers with their own pid, env and logs share the port', async (t) => {
    const home = makeHome(t);
    const port = await freePort();
    await startOk([ecosystem(t, port, { exec_mode: 'cluster', instance_var: 'INSTANCE_ID' })], { home });
    const rows = await assertServesFromWorkers(home, port);
    for (const row of rows) {
      const env = processEnv(row.pid ?? 0);
      assert.equal(env.SVCTL_INSTANCE, String(row.instance));
      assert.equal(env.NODE_APP_INSTANCE, String(row.instance));
      assert.equal(env.INSTANCE_ID, String(row.instance));
      assert.equal(env.PORT, String(port));
    }
    const description = await describeApp(home);
    assert.equal(description.spec.exec_mode, 'cluster');
    assert.equal(description.spec.exec_mode_reason, 'exec_mode cluster');
    // scale: workers removed and added through the same primary.
    assert.equal((await runCli(['scale', 'web', '2'], { home })).code, 0);
    await waitForInstances({ home }, 'web', isOnline, 2);
    await waitFor('the removed workers to exit', () => rows.slice(2).every((row) => !isAlive(row.pid ?? 0)));
    assert.equal((await runCli(['scale', 'web', '3'], { home })).code, 0);
    const three = await waitForInstances({ home }, 'web', isOnline, 3);
    assert.equal(processEnv(three[2]?.pid ?? 0).NODE_APP_INSTANCE, '2');
  });

  it('instances without exec_mode on a node script is cluster mode too (pm2 infers it), and describe says so', async (t) => {
    const home = makeHome(t);
    const port = await freePort();
    await startOk([ecosystem(t, port, {})], { home });
    await assertServesFromWorkers(home, port);
    const description = await describeApp(home);
    assert.equal(description.spec.exec_mode, 'cluster');
    assert.match(description.spec.exec_mode_reason ?? '', /inferred/);
    const text = await runCli(['describe', 'web'], { home });
    assert.match(text.stdout, /mode {9}cluster, 4 instance\(s\) \(inferred as pm2 does/);
  });

  it('kill -9 of one worker under load: the others keep serving, it comes back; a killed primary is recovered, the daemon lives on', async (t) => {
    const home = makeHome(t);
    const port = await freePort();
    await startOk([ecosystem(t, port, { exec_mode: 'cluster', instances: 2 })], { home });
    const rows = await waitForInstances({ home }, 'web', isOnline, 2);
    const [victim, survivor] = rows;
    assert.ok(victim?.pid != null && survivor?.pid != null);
    const load = startLoad(port, { keepAlive: false, concurrency: 2 });
    t.after(() => load.stop());
    await load.answered(20);
    process.kill(victim.pid, 'SIGKILL');
    const servedBy = new Map(load.result.pids);
    await load.answered(50);
    assert.ok((load.result.pids.get(survivor.pid) ?? 0) > (servedBy.get(survivor.pid) ?? 0), 'the other worker kept answering');
    const back = await waitForInstances({ home }, 'web', (row) => isOnline(row) && row.pid !== victim.pid, 2);
    assert.equal(back.find((row) => row.instance === survivor.instance)?.pid, survivor.pid, 'the other worker was not touched');
    assert.equal(back.find((row) => row.instance === victim.instance)?.restarts, 1);

    // The primary: its workers go with it, the restart policy brings them back under a new primary.
    const primary = parentOf(survivor.pid);
    process.kill(primary, 'SIGKILL');
    const recovered = await waitForInstances({ home }, 'web', (row) => isOnline(row) && !back.some((old) => old.pid === row.pid), 2);
    await waitFor('answers from the recovered workers', () => recovered.some((row) => load.result.pids.has(row.pid ?? 0)));
    const final = await load.stop();
    assert.ok(final.ok > 70);
    assert.ok(!isAlive(primary));
    assert.equal((await runCli(['ping'], { home })).code, 0, 'the daemon still answers');
  });
});
