// Applying an edited app file's environment to running apps, as a pm2 user deploys: startOrReload/reload of the
// file read env and env_<name> again (--env); the shell's environment is taken with --update-env only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isOnline, processEnv, startOk, waitForInstances } from '../helpers/apps.js';
import { runCli } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { deployed, replaced } from './edited-app-file.js';

describe('applying app-file env changes to running apps', () => {
  it('startOrReload FILE --env production: the running instances get the edited env and env_production', async (t) => {
    const home = makeHome(t);
    const app = deployed(t, { instances: 1, env: { SHARED: 'v1' }, production: { DB: 'db-1' } });
    await startOk(['ecosystem.config.js', '--env', 'production'], { home, cwd: app.cwd });
    const before = await waitForInstances({ home }, 'api', isOnline, 1);
    assert.deepEqual([processEnv(before[0]?.pid ?? 0).SHARED, processEnv(before[0]?.pid ?? 0).DB], ['v1', 'db-1']);

    app.edit({ instances: 1, env: { SHARED: 'v2' }, production: { DB: 'db-2' } });
    const result = await runCli(['startOrReload', 'ecosystem.config.js', '--env', 'production'], { home, cwd: app.cwd });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /✓ api \[id 0\] reloaded \(.*changed: env\)/);
    const [after] = await replaced(home, before, 1);
    assert.deepEqual([processEnv(after?.pid ?? 0).SHARED, processEnv(after?.pid ?? 0).DB], ['v2', 'db-2']);
  });


  it('reload FILE --env production does the same (pm2\'s deploy hook)', async (t) => {
    const home = makeHome(t);
    const app = deployed(t, { instances: 1, env: {}, production: { DB: 'db-1' } });
    await startOk([app.file, '--env', 'production'], { home });
    const before = await waitForInstances({ home }, 'api', isOnline, 1);

    app.edit({ instances: 1, env: {}, production: { DB: 'db-2' } });
    const result = await runCli(['reload', 'ecosystem.config.js', '--env', 'production'], { home, cwd: app.cwd });
    assert.equal(result.code, 0, result.stderr);
    const [after] = await replaced(home, before, 1);
    assert.equal(processEnv(after?.pid ?? 0).DB, 'db-2');
  });


  it('the shell environment is taken with --update-env only: reload FILE keeps it while applying the file, reload api --update-env replaces it', async (t) => {
    const home = makeHome(t);
    const app = deployed(t, { instances: 1, env: { V: '1' }, production: {} });
    await startOk([app.file], { home, env: { GREETING: 'hello' } });
    const before = await waitForInstances({ home }, 'api', isOnline, 1);

    app.edit({ instances: 1, env: { V: '2' }, production: {} });
    assert.equal((await runCli(['reload', app.file], { home, env: { GREETING: 'changed' } })).code, 0);
    const kept = await replaced(home, before, 1);
    assert.deepEqual([processEnv(kept[0]?.pid ?? 0).V, processEnv(kept[0]?.pid ?? 0).GREETING], ['2', 'hello']);

    assert.equal((await runCli(['reload', 'api', '--update-env'], { home, env: { GREETING: 'changed' } })).code, 0);
    const [updated] = await replaced(home, kept, 1);
    assert.deepEqual([processEnv(updated?.pid ?? 0).V, processEnv(updated?.pid ?? 0).GREETING], ['2', 'changed']);
  });
});
