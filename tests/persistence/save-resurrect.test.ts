// Issue 6: `svctl save` / `svctl resurrect` restore the same apps, states and environments; a corrupt
// dump loses nothing; an empty list is saved only on request; `svctld --resurrect` restores at start.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { AppDescription, InstanceRow } from '@svctl/protocol';
import { listInstances, processEnv, startOk, writeAppFile } from '../helpers/apps.js';
import { runCli, runCliJson, type CliOptions } from '../helpers/cli.js';
import { startDaemon } from '../helpers/daemon.js';
import { makeHome } from '../helpers/home.js';
import { pidsWithEnv } from '../helpers/processes.js';
import { waitFor } from '../helpers/wait.js';

const MARKER = 'SVCTL_TEST_MARKER';

function appFile(t: Parameters<typeof writeAppFile>[0], marker: string): string {
  const app = (name: string, extra: Record<string, string>) => ({ name, script: 'sleep', args: ['3600'], env: { [MARKER]: marker, ...extra } });
  return writeAppFile(t, { apps: [app('web', { PORT: '8080', GREETING: 'hello world' }), app('worker', { QUEUE: 'jobs' }), app('cron', { API_TOKEN: 's3cret' })] });
}

async function ok(args: string[], options: CliOptions): Promise<string> {
  const result = await runCli(args, options);
  assert.equal(result.code, 0, `svctl ${args.join(' ')}: ${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

async function describeAll(home: string): Promise<Map<string, AppDescription>> {
  const { json } = await runCliJson<AppDescription[]>(['describe', 'all', '--show-env'], { home });
  return new Map(json.map((app) => [app.app, app]));
}

/** name → [id, status], once no instance is in a transient state. */
async function settledStates(home: string): Promise<Map<string, [number, string]>> {
  const rows = await waitFor('settled states', async () => {
    const list = await listInstances({ home });
    return list.every((row: InstanceRow) => row.status === 'online' || row.status === 'stopped') ? list : undefined;
  });
  return new Map(rows.map((row) => [row.app, [row.id, row.status]]));
}

describe('save and resurrect', () => {
  it('save, daemon stop, resurrect: same apps, ids, states and environments; dump is 0600 with a .bak', async (t) => {
    const home = makeHome(t);
    const marker = crypto.randomUUID();
    t.after(() => pidsWithEnv(MARKER, marker).forEach((pid) => process.kill(pid, 'SIGKILL')));
    await startOk([appFile(t, marker)], { home });
    await ok(['stop', 'worker'], { home });
    const statesBefore = await settledStates(home);
    assert.deepEqual(statesBefore.get('worker')?.[1], 'stopped');
    const before = await describeAll(home);

    assert.match(await ok(['save'], { home }), /saved 3 app\(s\) to .*dump\.json \(2 running, 1 stopped\)/);
    const dump = path.join(home, 'dump.json');
    assert.equal(fs.statSync(dump).mode & 0o777, 0o600, 'the dump holds environments: owner only');
    assert.match(await ok(['save'], { home }), /previous dump is kept as .*dump\.json\.bak/);
    assert.equal(fs.statSync(`${dump}.bak`).mode & 0o777, 0o600);

    await ok(['daemon', 'stop'], { home });
    assert.deepEqual(pidsWithEnv(MARKER, marker), [], 'daemon stop stopped the apps');
    assert.ok(!fs.existsSync(path.join(home, 'journal.json')), 'a clean stop leaves no journal to recover');
    // A clean stop is not a crash: the next daemon starts empty (as pm2 does without resurrect).
    assert.deepEqual(await listInstances({ home }), []);

    assert.match(await ok(['resurrect'], { home }), /restoring 3 app\(s\)/);
    assert.deepEqual(await settledStates(home), statesBefore, 'same ids and states');
    const after = await describeAll(home);
    for (const [name, app] of before) {
      assert.deepEqual(after.get(name)?.spec, app.spec, `${name}: same spec, environment included`);
    }
    const web = after.get('web')?.instances[0]?.pid;
    assert.ok(web !== null && web !== undefined);
    assert.equal(processEnv(web).GREETING, 'hello world');
    assert.equal(pidsWithEnv(MARKER, marker).length, 2, 'only the two running apps run');

    // Resurrecting again changes nothing: names already registered are left alone.
    const again = await runCliJson<{ apps: Array<{ action: string }> }>(['resurrect'], { home });
    assert.deepEqual(again.json.apps.map((app) => app.action).sort(), ['already_running', 'already_running', 'already_stopped']);
  });

  it('a truncated dump.json is reported with its path, nothing is lost, and --from-backup restores', async (t) => {
    const home = makeHome(t);
    const marker = crypto.randomUUID();
    t.after(() => pidsWithEnv(MARKER, marker).forEach((pid) => process.kill(pid, 'SIGKILL')));
    await startOk([appFile(t, marker)], { home });
    await ok(['stop', 'cron'], { home });
    const statesBefore = await settledStates(home);
    await ok(['save'], { home });
    await ok(['save'], { home });
    await ok(['daemon', 'stop'], { home });

    const dump = path.join(home, 'dump.json');
    const full = fs.readFileSync(dump);
    fs.writeFileSync(dump, full.subarray(0, Math.floor(full.length / 2)));
    const truncated = fs.readFileSync(dump);
    const backup = fs.readFileSync(`${dump}.bak`);

    const result = await runCli(['resurrect'], { home });
    assert.equal(result.code, 1, result.stderr);
    assert.ok(result.stderr.includes(dump), `the error names the file: ${result.stderr}`);
    assert.match(result.stderr, /corrupt or truncated/);
    assert.match(result.stderr, /svctl resurrect --from-backup/);
    assert.deepEqual(fs.readFileSync(dump), truncated, 'the corrupt dump was left as it is');
    assert.deepEqual(fs.readFileSync(`${dump}.bak`), backup, 'the backup was not touched');
    assert.deepEqual(await listInstances({ home }), [], 'nothing was restored');

    await ok(['resurrect', '--from-backup'], { home });
    assert.deepEqual(await settledStates(home), statesBefore);

    // Saving over a corrupt dump never rotates it over the good backup.
    fs.writeFileSync(dump, truncated);
    const save = await runCli(['save'], { home });
    assert.equal(save.code, 0, save.stderr);
    assert.match(save.stderr, /was corrupt: moved to .*dump\.json\.corrupt/);
    assert.deepEqual(fs.readFileSync(`${dump}.bak`), backup);
    assert.deepEqual(fs.readFileSync(`${dump}.corrupt`), truncated);
  });

  it('an empty list is saved only with --force', async (t) => {
    const home = makeHome(t);
    const refused = await runCli(['save'], { home });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /no app is registered/);
    assert.match(refused.stderr, /svctl save --force/);
    assert.ok(!fs.existsSync(path.join(home, 'dump.json')));
    const missing = await runCli(['resurrect'], { home });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /there is no dump/);
    assert.match(await ok(['save', '--force'], { home }), /saved 0 app\(s\)/);
    const { json } = await runCliJson<{ apps: unknown[] }>(['resurrect'], { home });
    assert.deepEqual(json.apps, []);
  });

  it('svctld --resurrect restores the dump at start, and an autostarted daemon without it does not', async (t) => {
    const home = makeHome(t);
    const marker = crypto.randomUUID();
    t.after(() => pidsWithEnv(MARKER, marker).forEach((pid) => process.kill(pid, 'SIGKILL')));
    await startOk([appFile(t, marker)], { home });
    await ok(['stop', 'web'], { home });
    const statesBefore = await settledStates(home);
    await ok(['save'], { home });
    await ok(['daemon', 'stop'], { home });
    await startDaemon(t, { home, args: ['--resurrect'] });
    assert.deepEqual(await settledStates(home), statesBefore);
    assert.equal(pidsWithEnv(MARKER, marker).length, 2);
  });
});
