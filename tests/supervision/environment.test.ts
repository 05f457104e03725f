import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isOnline, processEnv, startOk, waitForInstances, writeAppFile } from '../helpers/apps.js';
import { runCli } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { FIXTURES } from '../helpers/paths.js';

describe('environment', () => {
  it('--env production applies env_production over env', async (t) => {
    const home = makeHome(t);
    const file = writeAppFile(t, {
      apps: [{ name: 'envy', script: path.join(FIXTURES, 'forever.js'), env: { MODE: 'dev', KEEP: 'yes', PORT: 1 }, env_production: { MODE: 'prod' } }],
    });
    await startOk([file, '--env', 'production'], { home });
    const [row] = await waitForInstances({ home }, 'envy', isOnline, 1);
    const env = processEnv(row?.pid ?? 0);
    assert.deepEqual([env.MODE, env.KEEP, env.PORT], ['prod', 'yes', '1']);
  });

  it('restart keeps the stored environment; restart --update-env takes the changed variable', async (t) => {
    const home = makeHome(t);
    const file = writeAppFile(t, { apps: [{ name: 'envy', script: path.join(FIXTURES, 'forever.js') }] });
    await startOk([file], { home, env: { GREETING: 'hello' } });
    const [first] = await waitForInstances({ home }, 'envy', isOnline, 1);
    assert.equal(processEnv(first?.pid ?? 0).GREETING, 'hello');

    assert.equal((await runCli(['restart', 'envy'], { home, env: { GREETING: 'changed' } })).code, 0);
    const [second] = await waitForInstances({ home }, 'envy', (row) => isOnline(row) && row.pid !== first?.pid, 1);
    assert.equal(processEnv(second?.pid ?? 0).GREETING, 'hello');

    assert.equal((await runCli(['restart', 'envy', '--update-env'], { home, env: { GREETING: 'changed' } })).code, 0);
    const [third] = await waitForInstances({ home }, 'envy', (row) => isOnline(row) && row.pid !== second?.pid, 1);
    assert.equal(processEnv(third?.pid ?? 0).GREETING, 'changed');
    assert.equal(third?.restarts, 2);
  });
});
