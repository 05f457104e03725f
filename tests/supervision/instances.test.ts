import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { SvctlClient, AppsList, AppsReload, type EventItem } from '@svctl/protocol';
import { isOnline, processEnv, startOk, waitForInstances, writeAppFile } from '../helpers/apps.js';
import { runCli } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { FIXTURES } from '../helpers/paths.js';
import { isAlive } from '../helpers/wait.js';

describe('instances', () => {
  it('instances: 4 gives 4 pids with distinct SVCTL_INSTANCE; scale to 2 and 5; reload keeps 3 of 4 online throughout', async (t) => {
    const home = makeHome(t);
    const file = writeAppFile(t, { apps: [{ name: 'pool', script: path.join(FIXTURES, 'forever.js'), instances: 4 }] });
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

    // Watch the instances while the reload runs, over a second connection (each sample is one snapshot
    // of the daemon's list; comparing it with /proc later would race the reload itself).
    const client = await SvctlClient.connect({ home });
    t.after(() => client.close());
    const watcher = await SvctlClient.connect({ home });
    t.after(() => watcher.close());
    let minimumOnline = Infinity;
    let samples = 0;
    let reloading = true;
    const reloadStarted = Date.now();
    const watching = (async () => {
      while (reloading) {
        const { instances: live } = await watcher.call(AppsList, {});
        minimumOnline = Math.min(minimumOnline, live.filter((row) => row.app === 'pool' && isOnline(row)).length);
        samples++;
      }
    })();
    await client.call(AppsReload, { target: 'pool' });
    reloading = false;
    await watching;
    assert.ok(samples >= 3, `sampled ${samples} times`);
    assert.ok(minimumOnline >= 3, `at least 3 of 4 reported online throughout (minimum seen: ${minimumOnline})`);
    // The daemon's own timeline of the reload: every old process began stopping only after its
    // replacement was online, so the processes online never fell below 4 (the issue asks for 3 of 4).
    const events = await runCli(['events', '--since', '10m', '--no-follow', '--json'], { home, timeoutMs: 15_000 });
    const timeline = events.stdout.trim().split('\n').map((line) => JSON.parse(line) as EventItem)
      .filter((item): item is Extract<EventItem, { type: 'transition' }> => item.type === 'transition' && item.app === 'pool' && Date.parse(item.at) >= reloadStarted - 5);
    let online = 4;
    let lowest = online;
    for (const event of timeline) {
      if (event.to === 'online') online++;
      if (event.from === 'online') online--;
      lowest = Math.min(lowest, online);
    }
    assert.ok(timeline.filter((event) => event.to === 'online').length === 4, `4 replacements came online: ${JSON.stringify(timeline)}`);
    assert.ok(lowest >= 4, `online processes never fell below 4 during the reload (lowest: ${lowest})`);
    const after = await waitForInstances({ home }, 'pool', isOnline, 4);
    for (const [index, row] of after.entries()) assert.notEqual(row.pid, before[index]?.pid, `instance ${index} was replaced`);
    for (const row of before) assert.ok(!isAlive(row.pid ?? 0), `old pid ${row.pid} is gone`);
  });
});
