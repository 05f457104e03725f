import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { EventItem } from '@svctl/protocol';
import { startOk, waitForInstances, writeAppFile } from '../helpers/apps.js';
import { runCli } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { FIXTURES } from '../helpers/paths.js';
import { waitFor } from '../helpers/wait.js';
import { describeApp, historyOf, timeOf } from './health-helpers.js';

describe('wait_ready', () => {
  it('an app that sends "ready" after a delay is online only after it did, and start waits for it', async (t) => {
    const home = makeHome(t);
    const file = writeAppFile(t, { apps: [{ name: 'late', script: path.join(FIXTURES, 'ready-late.js'), wait_ready: true, env: { READY_DELAY_MS: 800 } }] });
    const before = Date.now();
    await startOk([file], { home });
    const tookMs = Date.now() - before;
    const [row] = await waitForInstances({ home }, 'late', (r) => r.status === 'online', 1);
    assert.equal(row?.health, 'ready');
    const description = await describeApp({ home }, 'late');
    const logged = await waitFor('the ready line in the log', () => {
      const line = fs.readFileSync(description.log_files.out, 'utf8').split('\n').find((l) => l.startsWith('{'));
      return line === undefined ? undefined : (JSON.parse(line) as { ready_at: number; has_ipc: boolean });
    });
    assert.equal(logged.has_ipc, true, 'wait_ready opens an IPC channel');
    const history = await historyOf({ home }, 'late');
    const spawned = history.find((e) => e.from === 'starting' && e.to === 'starting');
    const online = history.find((e) => e.to === 'online');
    assert.equal(spawned?.reason, 'spawned');
    assert.match(spawned?.detail ?? '', /waiting until ready/);
    assert.deepEqual([online?.reason, online?.detail], ['ready', 'ready message']);
    assert.ok(timeOf(spawned, 'spawned') < logged.ready_at, 'still starting before the app said ready');
    assert.ok(timeOf(online, 'online') >= logged.ready_at, `online at ${online?.at}, app ready at ${new Date(logged.ready_at).toISOString()}`);
    assert.ok(tookMs >= 800, `svctl start returned after ${tookMs} ms, before the app was ready`);
    const ipc = description.instances[0]?.checks?.find((check) => check.check === 'ready message (IPC)');
    assert.equal(ipc?.state, 'passing');
  });

  it('an app that never signals fails its start visibly (ready_timeout) and the restart policy applies', async (t) => {
    const home = makeHome(t);
    const file = writeAppFile(t, {
      apps: [{ name: 'mute', script: path.join(FIXTURES, 'ready-late.js'), wait_ready: true, listen_timeout: 400, max_restarts: 2, env: { NEVER_READY: '1' } }],
    });
    const start = await runCli(['start', file], { home });
    assert.equal(start.code, 1, start.stdout);
    assert.match(start.stdout, /✗ mute \[id 0\] started, but an instance did not stay up:\n {4}instance 0: readiness_timeout \(not ready within listen_timeout 400ms\)/);
    const [row] = await waitForInstances({ home }, 'mute', (r) => r.status === 'errored', 1, 20_000);
    assert.equal(row?.restarts, 2);
    assert.equal(row?.reason, 'readiness_timeout');
    assert.match(row?.detail ?? '', /too many unstable restarts/);
    const history = await historyOf({ home }, 'mute');
    const timeouts = history.filter((e) => e.from === 'starting' && e.to === 'stopping');
    assert.equal(timeouts.length, 3, JSON.stringify(history, null, 1));
    for (const event of timeouts) assert.deepEqual([event.reason, event.detail], ['readiness_timeout', 'not ready within listen_timeout 400ms']);
    assert.ok(!history.some((e) => e.to === 'online'), 'never online');
    const scheduled = history.filter((e) => e.to === 'waiting');
    assert.equal(scheduled.length, 2);
    for (const event of scheduled) {
      assert.equal(event.reason, 'readiness_timeout');
      assert.match(event.detail, /^killed by SIGTERM; restart in \d+ms$/);
    }
  });

  it('ready_log_line: the instance is online once stdout has the line', async (t) => {
    const home = makeHome(t);
    const file = writeAppFile(t, { apps: [{ name: 'logready', script: path.join(FIXTURES, 'chatty.js'), ready_log_line: 'line 5 from', env: { INTERVAL_MS: 100 } }] });
    await startOk([file], { home });
    await waitForInstances({ home }, 'logready', (r) => r.status === 'online' && r.health === 'ready', 1);
    const history = await historyOf({ home }, 'logready');
    const online = history.find((e) => e.to === 'online');
    const spawned = history.find((e) => e.from === 'starting' && e.to === 'starting');
    assert.deepEqual([online?.reason, online?.detail], ['ready', 'log line']);
    assert.ok(timeOf(online, 'online') - timeOf(spawned, 'spawned') >= 400, 'five lines at 100 ms take at least 400 ms');
    const description = await describeApp({ home }, 'logready');
    const log = fs.readFileSync(description.log_files.out, 'utf8');
    assert.match(log, /line 5 from/, 'the scanned output still reaches the log');
  });

  it('reload waits for each new instance to be ready before stopping the old one', async (t) => {
    const home = makeHome(t);
    const file = writeAppFile(t, { apps: [{ name: 'rolling', script: path.join(FIXTURES, 'ready-late.js'), wait_ready: true, instances: 2, env: { READY_DELAY_MS: 600 } }] });
    await startOk([file], { home });
    const before = await waitForInstances({ home }, 'rolling', (r) => r.status === 'online', 2);
    const reload = await runCli(['reload', 'rolling'], { home });
    assert.equal(reload.code, 0, reload.stderr);
    const after = await waitForInstances({ home }, 'rolling', (r) => r.status === 'online', 2);
    const result = await runCli(['events', '--since', '10m', '--no-follow', '--json'], { home, timeoutMs: 15_000 });
    assert.equal(result.code, 0, result.stderr);
    const items = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as EventItem);
    const transitions = items.filter((item): item is Extract<EventItem, { type: 'transition' }> => item.type === 'transition');
    for (const instance of [0, 1]) {
      const oldPid = before.find((r) => r.instance === instance)?.pid;
      const newPid = after.find((r) => r.instance === instance)?.pid;
      assert.notEqual(newPid, oldPid, `instance ${instance} was replaced`);
      const events = transitions.filter((e) => e.app === 'rolling' && e.instance === instance);
      // The last 'online' of the instance is the new process becoming ready; the old one's stop comes after it.
      const readyAt = Date.parse(events.filter((e) => e.to === 'online').at(-1)?.at ?? '');
      const oldStoppingAt = Date.parse(events.filter((e) => e.from === 'online' && e.to === 'stopping').at(-1)?.at ?? '');
      assert.ok(Number.isFinite(readyAt) && Number.isFinite(oldStoppingAt), JSON.stringify(events));
      assert.ok(oldStoppingAt >= readyAt, `instance ${instance}: old stopped at ${new Date(oldStoppingAt).toISOString()}, new ready at ${new Date(readyAt).toISOString()}`);
    }
  });
});
