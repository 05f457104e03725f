// Applying an edited app file to running apps, as a pm2 user deploys: startOrReload/startOrRestart, and
// restart of the file, read the file again (instances, every key); start of a file that differs changes nothing.
// The environment's part is in apply-file-env.test.ts.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isOnline, processEnv, startOk, waitForInstances, writeAppFile } from '../helpers/apps.js';
import { runCli } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { FIXTURES } from '../helpers/paths.js';
import { deployed, replaced } from './edited-app-file.js';

describe('applying app-file changes to running apps', () => {
  it('a file that changed instances from 2 to 3 scales on startOrReload (the two running stay), and restart FILE scales back', async (t) => {
    const home = makeHome(t);
    const app = deployed(t, { instances: 2, env: { V: '1' }, production: {} });
    await startOk([app.file], { home });
    const two = await waitForInstances({ home }, 'api', isOnline, 2);

    app.edit({ instances: 3, env: { V: '1' }, production: {} });
    const result = await runCli(['startOrReload', app.file], { home });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /updated in place \(2 → 3 instances; changed: instances\)/);
    const three = await waitForInstances({ home }, 'api', isOnline, 3);
    assert.deepEqual(three.map((row) => row.instance), [0, 1, 2]);
    assert.deepEqual(three.slice(0, 2).map((row) => row.pid), two.map((row) => row.pid));

    app.edit({ instances: 2, env: { V: '2' }, production: {} });
    const restarted = await runCli(['restart', app.file], { home });
    assert.equal(restarted.code, 0, restarted.stderr);
    assert.match(restarted.stdout, /restarted \(changed: env, instances\)/);
    const back = await replaced(home, three, 2);
    assert.ok(back.every((row) => processEnv(row.pid ?? 0).V === '2'));
  });


  it('start FILE on a running app that differs names the keys and the command that applies them, and changes nothing', async (t) => {
    const home = makeHome(t);
    const app = deployed(t, { instances: 1, env: { V: '1' }, production: {} });
    await startOk(['ecosystem.config.js'], { home, cwd: app.cwd });
    const [before] = await waitForInstances({ home }, 'api', isOnline, 1);

    app.edit({ instances: 2, env: { V: '2' }, production: {} });
    const result = await runCli(['start', 'ecosystem.config.js'], { home, cwd: app.cwd });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /api \[id 0\] is already running, but differs from the file \(env, instances\): run `svctl startOrReload ecosystem\.config\.js` to apply/);
    const rows = await waitForInstances({ home }, 'api', isOnline, 1);
    assert.equal(rows[0]?.pid, before?.pid);
  });


  it('startOrRestart FILE --only starts the app that is not running and restarts the one that is', async (t) => {
    const home = makeHome(t);
    const script = path.join(FIXTURES, 'forever.js');
    const file = writeAppFile(t, { apps: [{ name: 'web', script }, { name: 'worker', script }, { name: 'cron', script }] });
    await startOk([file, '--only', 'web'], { home });
    const [web] = await waitForInstances({ home }, 'web', isOnline, 1);

    const result = await runCli(['startOrRestart', file, '--only', 'web,worker'], { home });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /✓ web \[id 0\] restarted \(no key changed in the file\)/);
    assert.match(result.stdout, /✓ worker \[id 1\] started/);
    await waitForInstances({ home }, 'web', (row) => isOnline(row) && row.pid !== web?.pid, 1);
    assert.doesNotMatch(result.stdout, /cron/);
  });

});
