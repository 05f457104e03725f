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
    const log = fs.readFileSync(path.join(home, 'daemon.log'), 'utf8');
    assert.equal(log.match(/died without stopping/g)?.length, 5);
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
      apps: Array<{ id: number; desired: string; spec: { name: string }; processes: Array<{ instance: number; pid: number; pgid: number; start_time: number }> }>;
    };
    const real = journal.apps[0];
    assert.ok(real !== undefined);
    assert.equal(real.processes[0]?.pid, victimPid);
    assert.equal(real.processes[0]?.start_time, startTimeOf(victimPid), 'the journal records the start time of /proc/PID/stat');
    const recordedStart = startTimeOf(decoyPid) === startTimeOf(victimPid) ? startTimeOf(decoyPid) - 1 : startTimeOf(victimPid);
    journal.apps.push({
      ...real,
      id: 7,
      desired: 'stopped',
      spec: { ...real.spec, name: 'ghost' },
      processes: [{ instance: 0, pid: decoyPid, pgid: decoyPid, start_time: recordedStart }],
    });
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
    const log = fs.readFileSync(path.join(home, 'daemon.log'), 'utf8');
    assert.match(log, /different start time\); left alone/);
  });
});
