// Applying an edited app file to running apps, as a pm2 user deploys: startOrReload/startOrRestart, and
// reload/restart of the file, read the file again (env, --env, instances, every key).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import type { InstanceRow } from '@svctl/protocol';
import { isOnline, processEnv, startOk, waitForInstances, writeAppFile } from '../helpers/apps.js';
import { runCli } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { FIXTURES } from '../helpers/paths.js';

interface Api {
  instances: number;
  env: Record<string, string>;
  production: Record<string, string>;
}

function ecosystem(api: Api): string {
  const app = { name: 'api', script: path.join(FIXTURES, 'forever.js'), instances: api.instances, env: api.env, env_production: api.production };
  return `module.exports = { apps: [${JSON.stringify(app)}] };\n`;
}

/** An ecosystem.config.js with one app, and a way to edit it. */
function deployed(t: TestContext, api: Api) {
  const file = writeAppFile(t, ecosystem(api), 'ecosystem.config.js');
  return { file, cwd: path.dirname(file), edit: (next: Api) => fs.writeFileSync(file, ecosystem(next)) };
}

/** The api instances once they all run processes other than `old`. */
function replaced(home: string, old: readonly InstanceRow[], count: number): Promise<InstanceRow[]> {
  const pids = new Set(old.map((row) => row.pid));
  return waitForInstances({ home }, 'api', (row) => isOnline(row) && !pids.has(row.pid), count);
}

describe('applying app-file changes to running apps', () => {
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
