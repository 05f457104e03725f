// A pm2 user's muscle memory (issue 11, item 2): kill, autostart: false and shell completion.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isOnline, listInstances, startOk, waitForInstances, writeAppFile } from '../helpers/apps.js';
import { runCli } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { FIXTURES } from '../helpers/paths.js';
import { isAlive, waitFor } from '../helpers/wait.js';

const FOREVER = path.join(FIXTURES, 'forever.js');

describe('kill, autostart and completion', () => {
  it('kill says what happens to the apps, then stops them and the daemon', async (t) => {
    const home = makeHome(t);
    await startOk([FOREVER, '--name', 'api'], { home });
    const [row] = await waitForInstances({ home }, 'api', isOnline, 1);
    const daemonPid = Number(fs.readFileSync(path.join(home, 'daemon.pid'), 'utf8'));
    const kill = await runCli(['kill'], { home });
    assert.equal(kill.code, 0, kill.stderr);
    assert.match(kill.stdout, /1 running app\(s\) will be stopped: api\n.*next daemon starts with no apps/);
    assert.match(kill.stdout, /daemon stopped/);
    await waitFor('the app and the daemon to be gone', () => !isAlive(row?.pid ?? 0) && !isAlive(daemonPid));
    const again = await runCli(['kill'], { home });
    assert.equal(again.stdout, 'no daemon running\n');
  });

  it('autostart: false registers the app stopped; start NAME starts it', async (t) => {
    const home = makeHome(t);
    const file = writeAppFile(t, { apps: [{ name: 'lazy', script: FOREVER, autostart: false }, { name: 'eager', script: FOREVER }] });
    const start = await runCli(['start', file], { home });
    assert.equal(start.code, 0, start.stderr);
    assert.doesNotMatch(start.stderr, /autorestart/);
    assert.match(start.stdout, /lazy \[id 0\] registered, not started/);
    await waitForInstances({ home }, 'eager', isOnline, 1);
    const [lazy] = (await listInstances({ home })).filter((row) => row.app === 'lazy');
    assert.equal(lazy?.status, 'stopped');
    assert.equal(lazy?.pid, null);
    assert.equal((await runCli(['start', 'lazy'], { home })).code, 0);
    await waitForInstances({ home }, 'lazy', isOnline, 1);
  });

  it('completion completes app names from a running daemon, and never starts one', async (t) => {
    const home = makeHome(t);
    const none = await runCli(['--get-yargs-completions', 'svctl', 'stop', ''], { home });
    assert.equal(none.stdout, 'all\n');
    assert.ok(!fs.existsSync(path.join(home, 'daemon.pid')), 'no daemon was started');
    await startOk([FOREVER, '--name', 'api-with-a-long-name'], { home });
    const names = await runCli(['--get-yargs-completions', 'svctl', 'stop', 'api'], { home });
    assert.equal(names.stdout, 'api-with-a-long-name\n');
    const commands = await runCli(['--get-yargs-completions', 'svctl', 'sca'], { home });
    assert.equal(commands.stdout, 'scale\n');
  });
});
