// A pm2 user's muscle memory (issue 11, item 2): pm2's command names (jlist, desc, pid, env...) and logs flags.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { InstanceRow } from '@svctl/protocol';
import { isOnline, startOk, waitForInstances } from '../helpers/apps.js';
import { runCli } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { FIXTURES } from '../helpers/paths.js';
import { waitFor } from '../helpers/wait.js';

const FOREVER = path.join(FIXTURES, 'forever.js');

describe('pm2 command names', () => {
  it('jlist, prettylist, desc, info, show, pid, id and env work as their pm2 namesakes', async (t) => {
    const home = makeHome(t);
    await startOk([FOREVER, '--name', 'api', '-i', '2'], { home, env: { API_TOKEN: 'hush' } });
    const rows = await waitForInstances({ home }, 'api', isOnline, 2);
    const jlist = await runCli(['jlist'], { home });
    assert.equal(jlist.code, 0);
    assert.equal(jlist.stdout.trim().split('\n').length, 1, 'jlist is one line');
    assert.deepEqual((JSON.parse(jlist.stdout) as InstanceRow[]).map((row) => row.pid), rows.map((row) => row.pid));
    const pretty = await runCli(['prettylist'], { home });
    assert.deepEqual((JSON.parse(pretty.stdout) as InstanceRow[]).map((row) => row.app), ['api', 'api']);
    assert.ok(pretty.stdout.split('\n').length > 10);
    const described = await Promise.all(['desc', 'info', 'show'].map(async (alias) => ({ alias, result: await runCli([alias, 'api'], { home }) })));
    for (const { alias, result } of described) {
      assert.equal(result.code, 0, `${alias}: ${result.stderr}`);
      assert.match(result.stdout, /^api \[id 0, namespace default\]/);
    }
    const pids = await runCli(['pid', 'api'], { home });
    assert.equal(pids.stdout, `${rows.map((row) => row.pid).join('\n')}\n`);
    assert.equal((await runCli(['id', 'api'], { home })).stdout, '0\n');
    const env = await runCli(['env', 'api', '1'], { home });
    assert.equal(env.code, 0, env.stderr);
    assert.match(env.stdout, /^SVCTL_INSTANCE=1$/m);
    assert.match(env.stdout, /^API_TOKEN=\*{8}$/m);
    assert.match((await runCli(['env', 'api', '--show-secrets'], { home })).stdout, /^API_TOKEN=hush$/m);
    const signalled = await runCli(['sendSignal', 'SIGUSR2', 'api'], { home });
    assert.equal(signalled.code, 0, signalled.stderr);
  });

  it('logs --raw prints the lines alone; --nostream never follows', async (t) => {
    const home = makeHome(t);
    await startOk([FOREVER, '--name', 'api'], { home });
    await waitFor('the ready line in the logs', async () => (await runCli(['logs', 'api', '--raw', '--nostream', '--follow'], { home })).stdout.includes('ready'));
    const raw = await runCli(['logs', 'api', '--raw', '--nostream', '--follow'], { home });
    assert.equal(raw.code, 0);
    assert.match(raw.stdout, /^ready$/m);
    assert.doesNotMatch(raw.stdout, /api\|/);
  });

});
