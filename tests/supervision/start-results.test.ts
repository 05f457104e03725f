// Honest start results: start, restart, reload and scale watch each new instance through min_uptime and
// report one that crashed with its exit and last stderr lines (exit 1); --no-wait answers at once.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isOnline, listInstances, startOk, waitForInstances, writeAppFile } from '../helpers/apps.js';
import { runCli, runCliJson } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { FIXTURES } from '../helpers/paths.js';
import { waitFor } from '../helpers/wait.js';

const CRASH_AFTER = path.join(FIXTURES, 'crash-after.js');

describe('start results', () => {
  it('start of an app that exits 1 after 100 ms exits 1 and prints its last stderr line', async (t) => {
    const home = makeHome(t);
    const file = writeAppFile(t, { apps: [{ name: 'db-client', script: CRASH_AFTER }] });
    const result = await runCli(['start', file], { home });
    assert.equal(result.code, 1, result.stdout);
    assert.match(result.stdout, /✗ db-client \[id 0\] started, but an instance did not stay up:\n {4}instance 0: crash \(exit code 1; [^)]*\)/);
    assert.match(result.stdout, /stderr \| Error: instance 0 cannot reach the database/);
    assert.doesNotMatch(result.stdout, /✓ db-client/);
  });

  it('the same for an ad hoc script, and --json carries the failure with its exit code and stderr', async (t) => {
    const home = makeHome(t);
    type Failure = { reason: string; exit_code: number | null; stderr: string[] };
    const { result, json } = await runCliJson<{ apps: Array<{ failed?: boolean; failures?: Failure[] }> }>(['start', CRASH_AFTER, '--name', 'adhoc'], { home });
    assert.equal(result.code, 1);
    const [failure] = json.apps[0]?.failures ?? [];
    assert.equal(json.apps[0]?.failed, true);
    assert.deepEqual([failure?.reason, failure?.exit_code, failure?.stderr.at(-1)], ['crash', 1, 'Error: instance 0 cannot reach the database']);
  });

  it('--no-wait answers before the crash; without it the same start reports it', async (t) => {
    const home = makeHome(t);
    // Crashes 3 s in, within its min_uptime of 8 s.
    const file = writeAppFile(t, { apps: [{ name: 'slow-crash', script: CRASH_AFTER, min_uptime: '8s', env: { CRASH_AFTER_MS: 3000 } }] });
    const quick = await runCli(['start', file, '--no-wait'], { home });
    assert.equal(quick.code, 0, quick.stdout);
    assert.match(quick.stdout, /✓ slow-crash \[id 0\] started/);
    // It does crash later: the wait below would have seen it.
    await waitFor('the crash', async () => ((await listInstances({ home })).find((row) => row.app === 'slow-crash')?.restarts ?? 0) >= 1, { timeoutMs: 20_000 });
    await runCli(['stop', 'slow-crash'], { home });
    const waited = await runCli(['restart', 'slow-crash'], { home });
    assert.equal(waited.code, 1, waited.stdout);
    assert.match(waited.stdout, /✗ slow-crash \[id 0\] restarted, but an instance did not stay up/);
  });

  it('an app that stays up through min_uptime is ✓ and exit 0', async (t) => {
    const home = makeHome(t);
    const file = writeAppFile(t, { apps: [{ name: 'steady', script: path.join(FIXTURES, 'forever.js'), min_uptime: 6000 }] });
    const started = Date.now();
    const result = await runCli(['start', file], { home });
    assert.equal(result.code, 0, result.stdout);
    assert.match(result.stdout, /✓ steady \[id 0\] started\n/);
    // The answer came once the instance had run its min_uptime.
    assert.ok(Date.now() - started >= 6000, `answered after ${Date.now() - started} ms`);
  });

  it('scale reports the new instance that crashed, and keeps the one that runs', async (t) => {
    const home = makeHome(t);
    const file = writeAppFile(t, { apps: [{ name: 'pool', script: CRASH_AFTER, env: { CRASH_INSTANCES: '1' } }] });
    await startOk([file], { home });
    const result = await runCli(['scale', 'pool', '2'], { home });
    assert.equal(result.code, 1, result.stdout);
    assert.match(result.stdout, /✗ pool \[id 0\] scaled \(1 → 2 instances\), but an instance did not stay up:\n {4}instance 1: crash/);
    assert.match(result.stdout, /stderr \| Error: instance 1 cannot reach the database/);
    await waitForInstances({ home }, 'pool', (row) => row.instance !== 0 || isOnline(row), 2);
  });
});
