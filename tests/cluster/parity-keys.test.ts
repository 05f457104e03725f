import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { AppDescription } from '@svctl/protocol';
import { isOnline, processEnv, startOk, waitForInstances, writeAppFile } from '../helpers/apps.js';
import { runCli, runCliJson } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { FIXTURES } from '../helpers/paths.js';
import { commandLineOf, parentOf } from '../helpers/processes.js';
import { waitFor } from '../helpers/wait.js';

describe('pm2 parity keys', () => {
  it('increment_var in fork mode: PORT 3000 gives 3000 and 3001; instance_var names the instance', async (t) => {
    const home = makeHome(t);
    const file = writeAppFile(t, {
      apps: [{ name: 'pool', script: path.join(FIXTURES, 'forever.js'), exec_mode: 'fork', instances: 2, increment_var: 'PORT', instance_var: 'WORKER_ID', env: { PORT: 3000 } }],
    });
    await startOk([file], { home });
    const rows = await waitForInstances({ home }, 'pool', isOnline, 2);
    const envs = rows.map((row) => processEnv(row.pid ?? 0));
    assert.deepEqual(envs.map((env) => env.PORT), ['3000', '3001']);
    assert.deepEqual(envs.map((env) => env.WORKER_ID), ['0', '1']);
  });

  it('wait_ready in cluster mode: a worker is online only once it sends ready; one that never does fails its start (readiness_timeout)', async (t) => {
    const home = makeHome(t);
    const file = writeAppFile(t, {
      apps: [
        { name: 'late', script: path.join(FIXTURES, 'ready-late.js'), exec_mode: 'cluster', wait_ready: true, listen_timeout: 20_000, env: { READY_DELAY_MS: 300 } },
        { name: 'never', script: path.join(FIXTURES, 'ready-late.js'), exec_mode: 'cluster', wait_ready: true, listen_timeout: 1000, autorestart: false, env: { NEVER_READY: '1' } },
      ],
    });
    await runCli(['start', file], { home });
    const [late] = await waitForInstances({ home }, 'late', isOnline, 1);
    assert.equal(late?.reason, 'ready');
    assert.match(commandLineOf(parentOf(late?.pid ?? 0)), /cluster-primary\.mjs/, 'a worker of the app\'s cluster primary');
    const [never] = await waitForInstances({ home }, 'never', (row) => row.status === 'stopped' || row.status === 'errored', 1);
    assert.equal(never?.reason, 'readiness_timeout');
  });

  for (const mode of ['fork', 'cluster'] as const) {
    it(`shutdown_with_message (${mode} mode): a stop sends the message 'shutdown' before any signal`, async (t) => {
      const home = makeHome(t);
      const file = writeAppFile(t, {
        apps: [{ name: 'polite', script: path.join(FIXTURES, 'shutdown-message.js'), exec_mode: mode, shutdown_with_message: true, kill_timeout: 30_000 }],
      });
      await startOk([file], { home });
      const [row] = await waitForInstances({ home }, 'polite', isOnline, 1);
      assert.equal((await runCli(['stop', 'polite'], { home })).code, 0);
      await waitFor('the shutdown line in the log', async () => (await runCli(['logs', 'polite', '--lines', '10', '--no-follow'], { home })).stdout.includes(`shutdown message received by ${row?.pid}`));
      const { json } = await runCliJson<AppDescription[]>(['describe', 'polite'], { home });
      const instance = json[0]?.instances[0];
      assert.equal(instance?.status, 'stopped');
      assert.equal(instance?.exit_code, 0, 'it exited on the message, not by a signal');
    });
  }
});
