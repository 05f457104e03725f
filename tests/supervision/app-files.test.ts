// App files end to end: errors in a file, starting a file twice, an unchanged pm2 ecosystem.config.js, a .json
// file with comments (ad hoc starts and the commands on started apps: app-commands.test.ts).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isOnline, listInstances, startOk, waitForInstances, writeAppFile } from '../helpers/apps.js';
import { runCli } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { EXAMPLES, FIXTURES } from '../helpers/paths.js';
import { waitFor } from '../helpers/wait.js';

describe('app files end to end', () => {
  it('a file with a typo, a wrong type and no script prints all three errors, starts nothing, exits 2', async (t) => {
    const home = makeHome(t);
    const file = writeAppFile(t, { name: 'api', sutorestart: true, instances: 'lots' }, 'api.json');
    const result = await runCli(['start', file], { home });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /api\.json: app "api": .*"sutorestart".*did you mean "autorestart"/);
    assert.match(result.stderr, /api\.json: app "api": .*instances/);
    assert.match(result.stderr, /api\.json: app "api": .*script/);
    assert.deepEqual(await listInstances({ home }), []);
  });


  it('starting the same file twice creates no duplicates and says the app is already running', async (t) => {
    const home = makeHome(t);
    const file = writeAppFile(t, { apps: [{ name: 'once', script: path.join(FIXTURES, 'forever.js') }] });
    await startOk([file], { home });
    const [row] = await waitForInstances({ home }, 'once', isOnline, 1);
    const again = await runCli(['start', file], { home });
    assert.equal(again.code, 0);
    assert.match(again.stdout, /once \[id 0\] is already running/);
    const rows = await listInstances({ home });
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.pid, row?.pid);
  });


  it('an unchanged pm2 ecosystem.config.js (npm start, cwd via path.join, log aliases, string instances, deploy) starts and serves, warning about what it ignores (not deploy, which is for svctl deploy)', async (t) => {
    const home = makeHome(t);
    t.after(() => fs.rmSync(path.join(EXAMPLES, 'logs'), { recursive: true, force: true }));
    const result = await runCli(['start', path.join(EXAMPLES, 'ecosystem.config.js')], { home });
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stderr, /deploy/);
    assert.match(result.stderr, /warning: .*vizion/);
    await waitForInstances({ home }, 'web', isOnline, 1);
    const body = await waitFor('the web app to answer', async () => (await fetch('http://127.0.0.1:3100/')).text());
    assert.ok(body.length > 0);
  });


  it('a .json app file with comments and unquoted keys starts', async (t) => {
    const home = makeHome(t);
    await startOk([path.join(EXAMPLES, 'commented.json')], { home });
    await waitForInstances({ home }, 'commented-worker', isOnline, 1);
  });

});
