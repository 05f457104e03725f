// Ad hoc starts and the commands on started apps end to end: stop, start by name, delete, describe (masked
// secrets, answers larger than a request frame).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isOnline, listInstances, startOk, waitForInstances, writeAppFile } from '../helpers/apps.js';
import { runCli, runCliJson } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { FIXTURES } from '../helpers/paths.js';

describe('app files end to end', () => {
  it('ad hoc: a script with arguments after --, and any command after --', async (t) => {
    const home = makeHome(t);
    const script = path.join(FIXTURES, 'forever.js');
    await startOk([script, '--name', 'adhoc', '--', '--port', '3999'], { home });
    const [row] = await waitForInstances({ home }, 'adhoc', isOnline, 1);
    assert.deepEqual(fs.readFileSync(`/proc/${row?.pid}/cmdline`, 'utf8').split('\0').slice(1, 4), [script, '--port', '3999']);
    await startOk(['--name', 'sleeper', '--', 'sleep', '300'], { home });
    const [sleeper] = await waitForInstances({ home }, 'sleeper', isOnline, 1);
    assert.deepEqual(fs.readFileSync(`/proc/${sleeper?.pid}/cmdline`, 'utf8').split('\0').slice(0, 2), ['sleep', '300']);
  });


  it('stop, start by name, delete; unknown targets fail with exit 1', async (t) => {
    const home = makeHome(t);
    const file = writeAppFile(t, { apps: [{ name: 'svc', script: path.join(FIXTURES, 'forever.js'), namespace: 'team' }] });
    await startOk([file], { home });
    await waitForInstances({ home }, 'svc', isOnline, 1);
    assert.equal((await runCli(['stop', 'team'], { home })).code, 0);
    await waitForInstances({ home }, 'svc', (row) => row.status === 'stopped' && row.pid === null, 1);
    assert.equal((await runCli(['start', 'svc'], { home })).code, 0);
    await waitForInstances({ home }, 'svc', isOnline, 1);
    const missing = await runCli(['stop', 'nope'], { home });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /svctl: no app matches "nope"/);
    assert.equal((await runCli(['delete', '0'], { home })).code, 0);
    assert.deepEqual(await listInstances({ home }), []);
  });


  it('describe --json gives the resolved spec, state and history, masking secret-looking values unless --show-env', async (t) => {
    const home = makeHome(t);
    const file = writeAppFile(t, { apps: [{ name: 'secretive', script: path.join(FIXTURES, 'forever.js'), env: { API_TOKEN: 'sekrit', COLOR: 'blue' } }] });
    await startOk([file], { home, env: { DB_PASSWORD: 'hunter2' } });
    await waitForInstances({ home }, 'secretive', isOnline, 1);
    type Described = Array<{ spec: { env: Record<string, string>; base_env: Record<string, string>; cwd: string; command: string[] }; command_line: string; log_files: { out: string; err: string }; instances: Array<{ status: string; history: Array<{ to: string }> }> }>;
    const masked = (await runCliJson<Described>(['describe', 'secretive'], { home })).json[0];
    assert.deepEqual([masked?.spec.env.API_TOKEN, masked?.spec.env.COLOR, masked?.spec.base_env.DB_PASSWORD], ['********', 'blue', '********']);
    assert.equal(masked?.spec.cwd, path.dirname(file));
    assert.match(masked?.command_line ?? '', /forever\.js$/);
    assert.match(masked?.log_files.out ?? '', /secretive/);
    assert.deepEqual(masked?.instances[0]?.history.map((event) => event.to), ['starting', 'online']);
    const shown = (await runCliJson<Described>(['describe', 'secretive', '--show-env'], { home })).json[0];
    assert.deepEqual([shown?.spec.env.API_TOKEN, shown?.spec.base_env.DB_PASSWORD], ['sekrit', 'hunter2']);
  });


  it('answers larger than a request frame (1 MiB) reach the client: describe all of 20 apps with 60 KB of variables each', async (t) => {
    const home = makeHome(t);
    const apps = Array.from({ length: 20 }, (_, i) => ({ name: `bulky-${i}`, script: 'sleep', args: '300', env: { PAYLOAD: String(i % 10).repeat(60 * 1024) } }));
    await startOk([writeAppFile(t, { apps })], { home });
    const { result, json } = await runCliJson<Array<{ app: string; spec: { env: Record<string, string> } }>>(['describe', 'all'], { home });
    assert.equal(result.code, 0, result.stderr);
    assert.ok(result.stdout.length > 1024 * 1024, `the answer was ${result.stdout.length} bytes`);
    assert.deepEqual(json.map((app) => [app.app, app.spec.env.PAYLOAD?.length]), apps.map((app) => [app.name, 60 * 1024]));
  });
});
