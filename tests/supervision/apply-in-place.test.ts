// Applying an edited app file whose changes need no new process (log settings, max_memory_restart, probes):
// the running instances take them in place, same pid; a changed env still gets new processes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import type { AppOutcome } from '@svctl/protocol';
import { describeApp, freePort } from '../health/health-helpers.js';
import { isOnline, processEnv, startOk, waitForInstances, writeAppFile } from '../helpers/apps.js';
import { runCli, runCliJson } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { FIXTURES } from '../helpers/paths.js';
import { waitFor } from '../helpers/wait.js';

/** An app file with one app, and a way to edit it. */
function appFile(t: TestContext, app: Record<string, unknown>) {
  const file = writeAppFile(t, { apps: [app] });
  return { file, dir: path.dirname(file), edit: (next: Record<string, unknown>) => fs.writeFileSync(file, JSON.stringify({ apps: [next] })) };
}

const readOr = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');

describe('applying live keys in place', () => {
  it('startOrReload FILE after max_memory_restart, log_date_format and out_file changed: same pid, new values, output in the new file', async (t) => {
    const home = makeHome(t);
    const base = { name: 'api', script: path.join(FIXTURES, 'stamp-lines.js'), env: { INTERVAL_MS: '50' } };
    const app = appFile(t, { ...base, out_file: './first.log' });
    const first = path.join(app.dir, 'first.log');
    const second = path.join(app.dir, 'second.log');
    await startOk([app.file], { home });
    const [before] = await waitForInstances({ home }, 'api', isOnline, 1);
    const pid = before?.pid;
    await waitFor('output in first.log', () => readOr(first).includes(`${pid} `));

    app.edit({ ...base, out_file: './second.log', max_memory_restart: '300M', log_date_format: 'YYYY-MM-DD HH:mm' });
    const result = await runCli(['startOrReload', app.file], { home });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /✓ api \[id 0\] updated in place \(changed: out_file, log_date_format, max_memory_restart\)/);

    const [after] = await waitForInstances({ home }, 'api', isOnline, 1);
    assert.deepEqual([after?.pid, after?.restarts], [pid, 0]);
    const { spec } = await describeApp({ home }, 'api');
    assert.deepEqual([spec.max_memory_restart, spec.log_date_format, spec.out_file], [300 * 1024 * 1024, 'YYYY-MM-DD HH:mm', second]);
    // The same process's lines, now in second.log and with the new date prefix.
    await waitFor('dated output of the same pid in second.log', () => new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d: stamp \\d+ ${pid} \\d+$`, 'm').test(readOr(second)));
    assert.doesNotMatch(readOr(first), /^\d{4}-\d\d-\d\d /m, 'first.log got no line in the new format');
  });

  it('a liveness_probe added to the file runs against the running instance, without a new pid', async (t) => {
    const home = makeHome(t);
    const port = await freePort();
    const base = { name: 'web', script: path.join(FIXTURES, 'health-http.js'), env: { PORT: port } };
    const app = appFile(t, base);
    await startOk([app.file], { home });
    const [before] = await waitForInstances({ home }, 'web', isOnline, 1);
    assert.deepEqual((await describeApp({ home }, 'web')).instances[0]?.checks, []);

    app.edit({ ...base, liveness_probe: { http_get: { port, path: '/health' }, period: '200ms', timeout: '1s', failure_threshold: 3 } });
    const { result, json } = await runCliJson<{ apps: AppOutcome[] }>(['reload', app.file], { home });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(
      json.apps.map(({ app: name, action, applied, changed }) => ({ name, action, applied, changed })),
      [{ name: 'web', action: 'updated', applied: 'in_place', changed: ['liveness_probe'] }],
    );

    const passing = await waitFor('the new liveness check passing', async () => {
      const instance = (await describeApp({ home }, 'web')).instances[0];
      const liveness = instance?.checks?.find((check) => check.kind === 'liveness');
      return liveness !== undefined && liveness.consecutive_successes >= 2 ? instance : undefined;
    });
    assert.deepEqual([passing.pid, passing.restarts, passing.health], [before?.pid, 0, 'healthy']);
  });

  it('watch added in place: the same process keeps running, and a change to a watched file then restarts it (reason watch)', async (t) => {
    const home = makeHome(t);
    const base = { name: 'dev', script: path.join(FIXTURES, 'forever.js') };
    const app = appFile(t, base);
    const watched = path.join(app.dir, 'src', 'index.js');
    fs.mkdirSync(path.dirname(watched));
    fs.writeFileSync(watched, '// v1\n');
    await startOk([app.file], { home });
    const [before] = await waitForInstances({ home }, 'dev', isOnline, 1);

    app.edit({ ...base, watch: ['src'], watch_delay: 100 });
    const result = await runCli(['startOrRestart', app.file], { home });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /✓ dev \[id 0\] updated in place \(changed: watch, watch_delay\)/);
    const [kept] = await waitForInstances({ home }, 'dev', isOnline, 1);
    assert.deepEqual([kept?.pid, kept?.restarts], [before?.pid, 0]);

    // The watcher is armed once the command has answered.
    fs.appendFileSync(watched, '// v2\n');
    await waitForInstances({ home }, 'dev', (row) => isOnline(row) && row.pid !== before?.pid, 1);
    const stops = (await describeApp({ home }, 'dev')).instances[0]?.history.filter((event) => event.from === 'online' && event.to === 'stopping');
    assert.deepEqual(stops?.map((event) => event.reason), ['watch']);
  });

  it('a changed env still needs new processes: new pid with the new env, applied new_processes', async (t) => {
    const home = makeHome(t);
    const base = { name: 'api', script: path.join(FIXTURES, 'forever.js') };
    const app = appFile(t, { ...base, env: { V: '1' } });
    await startOk([app.file], { home });
    const [before] = await waitForInstances({ home }, 'api', isOnline, 1);

    app.edit({ ...base, env: { V: '2' }, max_memory_restart: '300M' });
    const { result, json } = await runCliJson<{ apps: AppOutcome[] }>(['startOrReload', app.file], { home });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(
      json.apps.map(({ action, applied, changed }) => ({ action, applied, changed })),
      [{ action: 'reloaded', applied: 'new_processes', changed: ['env', 'max_memory_restart'] }],
    );
    const [after] = await waitForInstances({ home }, 'api', (row) => isOnline(row) && row.pid !== before?.pid, 1);
    assert.equal(processEnv(after?.pid ?? 0).V, '2');
  });
});
