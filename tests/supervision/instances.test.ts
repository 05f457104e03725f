import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { SvctlClient, AppsList, AppsReload } from '@svctl/protocol';
import { isOnline, processEnv, startOk, waitForInstances, writeAppFile } from '../helpers/apps.js';
import { runCli } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { FIXTURES } from '../helpers/paths.js';
import { pidsWithEnv } from '../helpers/processes.js';
import { isAlive } from '../helpers/wait.js';

describe('instances', () => {
  it('instances: 4 gives 4 pids with distinct SVCTL_INSTANCE; scale to 2 and 5; reload keeps 3 of 4 online throughout', async (t) => {
    const home = makeHome(t);
    const mark = `reload-${process.pid}-${Date.now()}`;
    const file = writeAppFile(t, { apps: [{ name: 'pool', script: path.join(FIXTURES, 'forever.js'), instances: 4, env: { RELOAD_MARK: mark } }] });
    await startOk([file], { home });
    const rows = await waitForInstances({ home }, 'pool', isOnline, 4);
    assert.equal(new Set(rows.map((row) => row.pid)).size, 4);
    const instances = rows.map((row) => processEnv(row.pid ?? 0));
    assert.deepEqual(instances.map((env) => env.SVCTL_INSTANCE).sort(), ['0', '1', '2', '3']);
    assert.deepEqual(instances.map((env) => env.NODE_APP_INSTANCE).sort(), ['0', '1', '2', '3']);
    assert.ok(instances.every((env) => env.SVCTL_APP_NAME === 'pool'));

    assert.equal((await runCli(['scale', 'pool', '2'], { home })).code, 0);
    const two = await waitForInstances({ home }, 'pool', isOnline, 2);
    assert.deepEqual(two.map((row) => row.instance), [0, 1]);
    for (const gone of rows.slice(2)) assert.ok(!isAlive(gone.pid ?? 0), `instance ${gone.instance} stopped`);
    assert.equal((await runCli(['scale', 'pool', '5'], { home })).code, 0);
    const five = await waitForInstances({ home }, 'pool', isOnline, 5);
    assert.deepEqual(five.map((row) => row.instance), [0, 1, 2, 3, 4]);
    assert.equal((await runCli(['scale', 'pool', '4'], { home })).code, 0);
    const before = await waitForInstances({ home }, 'pool', isOnline, 4);

    // Watch the instances while the reload runs, over a second connection: what the daemon reports
    // online, and, separately, how many of the app's processes are really alive at that moment.
    // (Each is one snapshot of one source: checking the daemon's pids later would race the reload.)
    const client = await SvctlClient.connect({ home });
    t.after(() => client.close());
    const watcher = await SvctlClient.connect({ home });
    t.after(() => watcher.close());
    let minimumOnline = Infinity;
    let minimumProcesses = Infinity;
    let samples = 0;
    let reloading = true;
    const watching = (async () => {
      while (reloading) {
        const { instances: live } = await watcher.call(AppsList, {});
        minimumOnline = Math.min(minimumOnline, live.filter((row) => row.name === 'pool' && isOnline(row)).length);
        minimumProcesses = Math.min(minimumProcesses, pidsWithEnv('RELOAD_MARK', mark).length);
        samples++;
      }
    })();
    await client.call(AppsReload, { target: 'pool' });
    reloading = false;
    await watching;
    assert.ok(samples >= 3, `sampled ${samples} times`);
    assert.ok(minimumOnline >= 3, `at least 3 of 4 reported online throughout (minimum seen: ${minimumOnline})`);
    assert.ok(minimumProcesses >= 3, `at least 3 of the app's processes alive throughout (minimum seen: ${minimumProcesses})`);
    const after = await waitForInstances({ home }, 'pool', isOnline, 4);
    for (const [index, row] of after.entries()) assert.notEqual(row.pid, before[index]?.pid, `instance ${index} was replaced`);
    for (const row of before) assert.ok(!isAlive(row.pid ?? 0), `old pid ${row.pid} is gone`);
  });
});
