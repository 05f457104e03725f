// pm2's log paths and modes: a declared file is written at exactly its path for one instance (with the
// instance number before the extension for several), created with the mode the user's umask gives (not
// the daemon's), while files under SVCTL_HOME stay 0600; describe lists every instance's files.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { AppDescription } from '@svctl/protocol';
import { runCli, runCliJson } from '../helpers/cli.js';
import { isOnline, startOk, waitForInstances, writeAppFile } from '../helpers/apps.js';
import { makeHome } from '../helpers/home.js';
import { FIXTURES } from '../helpers/paths.js';
import { waitFor } from '../helpers/wait.js';

const modeOf = (file: string): number => fs.statSync(file).mode & 0o777;
const octal = (mode: number): string => `0${mode.toString(8)}`;

/** The daemon runs with umask 077, so a mode of 0644 can only come from the CLI's umask. */
async function privateDaemon(home: string): Promise<void> {
  const started = await runCli(['daemon', 'start'], { home, umask: '077' });
  assert.equal(started.code, 0, started.stderr);
}

function worker(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'worker', script: path.join(FIXTURES, 'chatty.js'), env: { INTERVAL_MS: 100 }, out_file: './logs/worker-out.log', ...extra };
}

async function describeWorker(home: string): Promise<AppDescription> {
  const { result, json } = await runCliJson<AppDescription[]>(['describe', 'worker'], { home });
  assert.equal(result.code, 0, result.stderr);
  assert.ok(json[0] !== undefined);
  return json[0];
}

describe('log paths and modes', () => {
  it("one instance: out_file is written at exactly its path, with the mode the CLI's umask gives (022 → 0644); a default file in SVCTL_HOME stays 0600", async (t) => {
    const home = makeHome(t);
    await privateDaemon(home);
    const file = writeAppFile(t, { apps: [worker(), { name: 'plain', script: path.join(FIXTURES, 'chatty.js'), env: { INTERVAL_MS: 100 } }] });
    const out = path.join(path.dirname(file), 'logs', 'worker-out.log');
    await startOk([file], { home, umask: '022' });
    await waitFor('a line in worker-out.log', () => fs.existsSync(out) && fs.readFileSync(out, 'utf8').includes('line 1 from'), { timeoutMs: 20_000 });
    assert.equal(octal(modeOf(out)), '0644');
    assert.equal(fs.existsSync(path.join(path.dirname(file), 'logs', 'worker-out-0.log')), false);
    const plain = path.join(home, 'logs', 'plain-out.log');
    await waitFor('a line in plain-out.log', () => fs.existsSync(plain) && fs.readFileSync(plain, 'utf8').includes('line 1 from'), { timeoutMs: 20_000 });
    assert.equal(octal(modeOf(plain)), '0600');
    const described = await describeWorker(home);
    assert.equal(described.log_files.out, out);
    assert.equal(described.instances[0]?.log_files.out, out);
    assert.equal(described.spec.log_file_mode, 0o644);
    const logs = await runCli(['logs', 'worker', '--lines', '5'], { home });
    assert.match(logs.stdout, /line \d+ from/);
  });

  it('instances: 2 writes worker-out-0.log and worker-out-1.log; describe shows each instance its own files; log_file_mode "0640" wins over the umask', async (t) => {
    const home = makeHome(t);
    await privateDaemon(home);
    const file = writeAppFile(t, { apps: [worker({ instances: 2, exec_mode: 'fork', log_file_mode: '0640' })] });
    const logsDir = path.join(path.dirname(file), 'logs');
    await startOk([file], { home, umask: '022' });
    const rows = await waitForInstances({ home }, 'worker', isOnline, 2);
    for (const row of rows) {
      const out = path.join(logsDir, `worker-out-${row.instance}.log`);
      await waitFor(`a line of instance ${row.instance}`, () => fs.existsSync(out) && fs.readFileSync(out, 'utf8').includes(`from ${row.pid}`), { timeoutMs: 20_000 });
      assert.equal(octal(modeOf(out)), '0640');
    }
    assert.equal(fs.existsSync(path.join(logsDir, 'worker-out.log')), false);
    const described = await describeWorker(home);
    assert.deepEqual(
      described.instances.map((instance) => [instance.instance, instance.log_files.out, instance.log_files.err]),
      [0, 1].map((instance) => [instance, path.join(logsDir, `worker-out-${instance}.log`), path.join(home, 'logs', `worker-err-${instance}.log`)]),
    );
    const text = await runCli(['describe', 'worker'], { home });
    assert.match(text.stdout, /worker-out-0\.log/);
    assert.match(text.stdout, /worker-out-1\.log/);
  });

  it('a daemon running as root refuses a declared log folder others may write to (no sticky bit), naming the app, the key and the path; nothing starts', async (t) => {
    const home = makeHome(t);
    const file = writeAppFile(t, { apps: [worker({ out_file: './open/worker-out.log' })] });
    const open = path.join(path.dirname(file), 'open');
    fs.mkdirSync(open);
    fs.chmodSync(open, 0o777);
    const result = await runCli(['start', file], { home });
    if (process.getuid?.() !== 0) {
      // Not root: the folder is the user's business, as with pm2.
      assert.equal(result.code, 0, result.stderr);
      return;
    }
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /app "worker": key "out_file": .*\/open\/worker-out\.log is in .*\/open, a folder others may write to \(no sticky bit\)/);
    const list = await runCliJson<unknown[]>(['list'], { home });
    assert.deepEqual(list.json, []);
    fs.chmodSync(open, 0o1777);
    await startOk([file], { home });
  });
});
