// Regression test for issue 10 item 3: under `ulimit -n 256`, 150 apps killed the daemon with an
// uncaught `spawn EMFILE` (orphaning its children), and every later start died replaying the journal
// ("p.stdio is not iterable"). Now what fits starts, the rest ends errored with the OS reason, the
// daemon keeps answering, and a daemon started again in that home comes up.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import type { InstanceRow } from '@svctl/protocol';
import { listInstances, writeAppFile } from '../helpers/apps.js';
import { runCli, type CliOptions } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { fdCount, pidsWithEnv, readDaemonPid } from '../helpers/processes.js';
import { isAlive, waitFor } from '../helpers/wait.js';

const MARKER = 'SVCTL_TEST_MARKER';
const FILE_LIMIT = 256;
const APPS = 150;

/** Every instance listed, none still on its way (starting). */
function waitForSettled(options: CliOptions): Promise<InstanceRow[]> {
  return waitFor(
    `${APPS} instances online or errored`,
    async () => {
      const rows = await listInstances(options);
      return rows.length === APPS && rows.every((row) => row.status === 'online' || row.status === 'errored') ? rows : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 250 },
  );
}

function checkSplit(rows: InstanceRow[], round: string): void {
  const online = rows.filter((row) => row.status === 'online');
  const errored = rows.filter((row) => row.status === 'errored');
  assert.ok(online.length >= 10, `${round}: what fits starts (${online.length} online)`);
  assert.ok(errored.length >= 1, `${round}: 150 sleepers cannot fit in ${FILE_LIMIT} descriptors`);
  for (const row of errored) assert.equal(row.reason, 'spawn_failed', round);
  for (const row of errored) assert.match(row.detail, /spawn EMFILE: the daemon's descriptor budget is spent .*soft RLIMIT_NOFILE 256/, round);
}

describe('descriptor budget', () => {
  it(`under ulimit -n ${FILE_LIMIT}, ${APPS} apps: what fits starts, the rest is errored with EMFILE, the daemon stays up and starts again`, async (t) => {
    const marker = crypto.randomUUID();
    t.after(() => {
      for (const pid of pidsWithEnv(MARKER, marker)) process.kill(pid, 'SIGKILL');
    });
    const options: CliOptions = { home: makeHome(t), fileLimit: FILE_LIMIT };
    const apps = Array.from({ length: APPS }, (_, index) => ({ name: `app${index}`, script: 'sleep', args: ['3600'], env: { [MARKER]: marker } }));
    const start = await runCli(['start', writeAppFile(t, { apps })], options);
    assert.notEqual(start.code, null, start.stderr);
    const first = readDaemonPid(options.home);
    checkSplit(await waitForSettled(options), 'first daemon');
    assert.equal((await runCli(['ping'], options)).code, 0);
    assert.ok(isAlive(first));
    assert.ok(fdCount(first) < FILE_LIMIT - 32, `descriptors are left for clients: ${fdCount(first)} open`);

    // kill -9, then any command autostarts a daemon (with the same limit) that replays the journal.
    process.kill(first, 'SIGKILL');
    await waitFor(`daemon ${first} to die`, () => !isAlive(first));
    const list = await runCli(['list'], options);
    assert.equal(list.code, 0, list.stderr);
    const second = readDaemonPid(options.home);
    assert.notEqual(second, first);
    checkSplit(await waitForSettled(options), 'second daemon');
    assert.equal((await runCli(['ping'], options)).code, 0);
    assert.ok(isAlive(second));
  });
});
