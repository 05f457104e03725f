// Issue 6: after kill -9 of the daemon, the next command brings it back with every app running
// exactly once; the dead daemon's children are stopped, never a process that merely reuses a pid.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { InstanceRow } from '@svctl/protocol';
import { isOnline, listInstances, startOk, writeAppFile } from '../helpers/apps.js';
import { runCli } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { FIXTURES } from '../helpers/paths.js';
import { fdCount, pidsWithEnv, readDaemonPid, startTimeOf } from '../helpers/processes.js';
import { isAlive, waitFor } from '../helpers/wait.js';

const MARKER = 'SVCTL_TEST_MARKER';

function sleepers(marker: string, count: number): unknown {
  return { apps: Array.from({ length: count }, (_, index) => ({ name: `app${index}`, script: 'sleep', args: ['3600'], env: { [MARKER]: marker } })) };
}

async function waitForOnline(home: string, count: number, exclude: ReadonlySet<number>): Promise<InstanceRow[]> {
  return waitFor(
    `${count} apps online with new pids`,
    async () => {
      const rows = await listInstances({ home });
      return rows.length === count && rows.every((row) => isOnline(row) && !exclude.has(row.pid ?? 0)) ? rows : undefined;
    },
    { timeoutMs: 20_000, intervalMs: 100 },
  );
}

async function killDaemonHard(home: string): Promise<number> {
  const pid = readDaemonPid(home);
  process.kill(pid, 'SIGKILL');
  await waitFor(`daemon ${pid} to die`, () => !isAlive(pid));
  return pid;
}

describe('crash recovery', () => {
  it('kill -9 of the daemon with 10 apps, 5 times: each app runs exactly once, no orphans, no fd leak', async (t) => {
    const home = makeHome(t);
    const marker = crypto.randomUUID();
    t.after(() => {
      for (const pid of pidsWithEnv(MARKER, marker)) process.kill(pid, 'SIGKILL');
    });
    await startOk([writeAppFile(t, sleepers(marker, 10))], { home });
    let rows = await waitForOnline(home, 10, new Set());
    let daemonPid = readDaemonPid(home);
    const fds = [fdCount(daemonPid)];
    for (let round = 1; round <= 5; round++) {
      const before = new Set(rows.map((row) => row.pid ?? 0));
      assert.deepEqual(pidsWithEnv(MARKER, marker), [...before].sort((a, b) => a - b), `round ${round}: the marker processes are the listed ones`);
      const dead = await killDaemonHard(home);
      // Any command autostarts a daemon, which deals with the leftovers before it answers.
      const result = await runCli(['list'], { home });
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, /starting one in the background/);
      rows = await waitForOnline(home, 10, before);
      daemonPid = readDaemonPid(home);
      assert.notEqual(daemonPid, dead);
      assert.deepEqual(
        pidsWithEnv(MARKER, marker),
        rows.map((row) => row.pid ?? 0).sort((a, b) => a - b),
        `round ${round}: exactly one process per app, and none of the previous daemon's`,
      );
      for (const pid of before) assert.ok(!isAlive(pid), `round ${round}: old child ${pid} is gone`);
      assert.deepEqual(
        rows.map((row) => [row.app, row.id]),
        Array.from({ length: 10 }, (_, index) => [`app${index}`, index]),
        'names and ids are kept',
      );
      fds.push(fdCount(daemonPid));
    }
    assert.ok(Math.max(...fds) - Math.min(...fds) <= 2, `daemon fd counts stay flat across rounds: ${fds.join(', ')}`);
    const deaths = (): number => fs.readFileSync(path.join(home, 'daemon.log'), 'utf8').match(/died without stopping/g)?.length ?? 0;
    await waitFor('the daemon log to report the five deaths', () => deaths() >= 5);
    assert.equal(deaths(), 5);
  });

  it('leaves alone a process that now holds a journal pid with another start time (recycled pid)', async (t) => {
    const home = makeHome(t);
    const marker = crypto.randomUUID();
    t.after(() => {
      for (const pid of pidsWithEnv(MARKER, marker)) process.kill(pid, 'SIGKILL');
    });
    await startOk([writeAppFile(t, sleepers(marker, 1))], { home });
    const [victim] = await waitForOnline(home, 1, new Set());
    const victimPid = victim?.pid ?? 0;
    // The "recycled" pid: an unrelated process, leading its own group like an app would.
    const decoy = spawn(process.execPath, [path.join(FIXTURES, 'forever.js')], { detached: true, stdio: 'ignore' });
    const decoyPid = decoy.pid ?? 0;
    t.after(() => {
      if (isAlive(decoyPid)) process.kill(-decoyPid, 'SIGKILL');
    });
    await waitFor('the decoy to run', () => isAlive(decoyPid));
    await killDaemonHard(home);
    const journalFile = path.join(home, 'journal.json');
    const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as {
      apps: Array<{ id: number; name: string; desired: string; spec_hash: string; processes: Array<{ instance: number; pid: number; pgid: number; start_time: number }> }>;
    };
    const specsFile = path.join(home, 'journal-specs.json');
    const specs = JSON.parse(fs.readFileSync(specsFile, 'utf8')) as { specs: Record<string, { name: string }> };
    const real = journal.apps[0];
    assert.ok(real !== undefined);
    assert.equal(real.processes[0]?.pid, victimPid);
    assert.equal(real.processes[0]?.start_time, startTimeOf(victimPid), 'the journal records the start time of /proc/PID/stat');
    const recordedStart = startTimeOf(decoyPid) === startTimeOf(victimPid) ? startTimeOf(decoyPid) - 1 : startTimeOf(victimPid);
    journal.apps.push({
      ...real,
      id: 7,
      name: 'ghost',
      desired: 'stopped',
      spec_hash: 'ghost',
      processes: [{ instance: 0, pid: decoyPid, pgid: decoyPid, start_time: recordedStart }],
    });
    specs.specs.ghost = { ...specs.specs[real.spec_hash], name: 'ghost' };
    fs.writeFileSync(specsFile, JSON.stringify(specs));
    fs.writeFileSync(journalFile, JSON.stringify(journal));

    const result = await runCli(['list'], { home });
    assert.equal(result.code, 0, result.stderr);
    const rows = await waitFor('app0 online again, ghost registered', async () => {
      const list = await listInstances({ home });
      const app = list.find((row) => row.app === 'app0');
      return app !== undefined && isOnline(app) && app.pid !== victimPid && list.some((row) => row.app === 'ghost') ? list : undefined;
    });
    const byName = new Map(rows.map((row) => [row.app, row]));
    assert.equal(byName.get('ghost')?.status, 'stopped', 'saved as stopped, so registered but not started');
    assert.equal(byName.get('ghost')?.id, 7, 'the journal id is kept');
    assert.ok(isAlive(decoyPid), 'the process holding a recycled pid was left alone');
    assert.ok(!isAlive(victimPid), "the previous daemon's real child was stopped");
    assert.deepEqual(pidsWithEnv(MARKER, marker), [byName.get('app0')?.pid], 'the app runs exactly once');
    await waitFor('the daemon log to report the recycled pid', () => /different start time\); left alone/.test(fs.readFileSync(path.join(home, 'daemon.log'), 'utf8')));
  });

  it('skips a journal entry with an invalid spec: the other apps come back, the next command says so, the entry is kept aside', async (t) => {
    const home = makeHome(t);
    const marker = crypto.randomUUID();
    t.after(() => {
      for (const pid of pidsWithEnv(MARKER, marker)) process.kill(pid, 'SIGKILL');
    });
    await startOk([writeAppFile(t, sleepers(marker, 3))], { home });
    const before = new Set((await waitForOnline(home, 3, new Set())).map((row) => row.pid ?? 0));
    await killDaemonHard(home);
    const specsFile = path.join(home, 'journal-specs.json');
    const specs = JSON.parse(fs.readFileSync(specsFile, 'utf8')) as { specs: Record<string, { name: string; instances: unknown }> };
    for (const spec of Object.values(specs.specs)) if (spec.name === 'app1') spec.instances = 'many';
    fs.writeFileSync(specsFile, JSON.stringify(specs));

    const result = await runCli(['list'], { home });
    assert.equal(result.code, 0, result.stderr);
    const rejectedFile = path.join(home, 'journal.rejected.json');
    assert.match(result.stderr, /warning: 1 app\(s\) of the crash journal could not be restored \(app1: invalid spec/);
    assert.ok(result.stderr.includes(rejectedFile), result.stderr);
    const rows = await waitForOnline(home, 2, before);
    assert.deepEqual(
      rows.map((row) => row.app),
      ['app0', 'app2'],
    );
    assert.equal(fs.statSync(rejectedFile).mode & 0o777, 0o600);
    const kept = JSON.parse(fs.readFileSync(rejectedFile, 'utf8')) as { entries: Array<{ entry: { name: string }; spec: { instances: unknown } }> };
    assert.equal(kept.entries[0]?.entry.name, 'app1');
    assert.equal(kept.entries[0]?.spec.instances, 'many');
    for (const pid of before) assert.ok(!isAlive(pid), `old child ${pid} is gone, the rejected app's included`);
    await waitFor('the daemon log to report the replay', () => /could not be replayed/.test(fs.readFileSync(path.join(home, 'daemon.log'), 'utf8')));
    const again = await runCli(['list'], { home });
    assert.doesNotMatch(again.stderr, /warning/, 'told once');
  });

  for (const [kind, plant] of [
    ['a directory', (file: string) => fs.mkdirSync(file)],
    ['garbage bytes', (file: string) => fs.writeFileSync(file, crypto.randomBytes(4096))],
  ] as const) {
    it(`starts although the journal is ${kind}, and names its path`, async (t) => {
      const home = makeHome(t);
      const marker = crypto.randomUUID();
      t.after(() => {
        for (const pid of pidsWithEnv(MARKER, marker)) process.kill(pid, 'SIGKILL');
      });
      await startOk([writeAppFile(t, sleepers(marker, 1))], { home });
      await waitForOnline(home, 1, new Set());
      await killDaemonHard(home);
      const journalFile = path.join(home, 'journal.json');
      fs.rmSync(journalFile);
      plant(journalFile);

      const result = await runCli(['list'], { home });
      assert.equal(result.code, 0, result.stderr);
      assert.ok(result.stderr.includes(`warning: the crash journal file ${journalFile} is unusable`), result.stderr);
      assert.match(result.stderr, /moved to .*journal\.json\.corrupt-/);
      // daemon.log is written behind the answer (its own write queue): the line may land a moment later.
      await waitFor('the daemon log to name the path', () => fs.readFileSync(path.join(home, 'daemon.log'), 'utf8').includes(journalFile));
      assert.equal((await runCli(['ping'], { home })).code, 0);
    });
  }
});
