// Memory and liveness restarts go through the restart policy: within min_uptime they count toward
// max_restarts and back off, and the instance ends errored with the failure as its reason.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { REASON_CODES, type EventItem, type InstanceRow, type TransitionItem } from '@svctl/protocol';
import { startFails, startOk, waitForInstances, writeAppFile } from '../helpers/apps.js';
import { runCli, runCliJson } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { writeConfig } from '../helpers/monitoring.js';
import { FIXTURES } from '../helpers/paths.js';
import { freePort } from '../health/health-helpers.js';

async function transitionsOf(home: string, app: string): Promise<TransitionItem[]> {
  const result = await runCli(['events', '--since', '10m', '--no-follow', '--json'], { home, timeoutMs: 15_000 });
  assert.equal(result.code, 0, result.stderr);
  const items = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as EventItem);
  for (const item of items) if (item.type !== 'live') assert.ok(item.reason === null || REASON_CODES.includes(item.reason), `${item.reason} is in the catalogue`);
  return items.filter((item): item is TransitionItem => item.type === 'transition' && item.app === app);
}

/** The restart delays the policy chose, in order (the detail is for people; a test may read it). */
const delaysOf = (transitions: TransitionItem[]) => transitions.filter((item) => item.to === 'waiting').map((item) => Number(/restart in (\d+)ms/.exec(item.detail)?.[1]));

async function expectErroredBy(t: TestContext, home: string, app: string, reason: 'memory' | 'liveness'): Promise<void> {
  const [row] = await waitForInstances({ home }, app, (r) => r.status === 'errored', 1, 60_000);
  assert.deepEqual([row?.reason, row?.restarts], [reason, 3]);
  assert.match(row?.detail ?? '', /too many unstable restarts \(3 within/);
  const { json: rows } = await runCliJson<InstanceRow[]>(['list', '--json'], { home });
  assert.deepEqual(rows.map((r) => [r.reason, typeof r.detail]), [[reason, 'string']]);
  const transitions = await transitionsOf(home, app);
  const failureStops = transitions.filter((item) => item.to === 'stopping');
  assert.equal(failureStops.length, 4, t.name);
  assert.ok(failureStops.every((item) => item.reason === reason && item.from === 'online'));
  const delays = delaysOf(transitions);
  assert.deepEqual(delays, [100, 150, 225], 'backoff between attempts, growing');
  assert.ok(transitions.filter((item) => item.to === 'starting' && item.from === 'waiting').every((item) => item.reason === 'restart_due'));
  assert.deepEqual([transitions.at(-1)?.from, transitions.at(-1)?.to, transitions.at(-1)?.reason], ['stopping', 'errored', reason]);
}

describe('failure restarts through the restart policy', () => {
  it('an app over max_memory_restart right after each start ends errored with reason memory after 3 restarts, backing off', async (t) => {
    const home = makeHome(t);
    writeConfig(home, { monitor_interval: 300 });
    const file = writeAppFile(t, {
      apps: [{ name: 'hog', script: path.join(FIXTURES, 'alloc-child.js'), max_memory_restart: '100M', min_uptime: '30s', max_restarts: 3, env: { MEGABYTES: '150' } }],
    });
    await startFails([file], { home });
    await expectErroredBy(t, home, 'hog', 'memory');
  });

  it('an app whose liveness probe fails from the start ends errored with reason liveness after 3 restarts, backing off', async (t) => {
    const home = makeHome(t);
    const port = await freePort();
    const file = writeAppFile(t, {
      // ready_log_line: liveness begins once the instance is ready, so it fails within min_uptime (without a
      // readiness signal it would begin only after min_uptime).
      apps: [{ name: 'deaf', script: path.join(FIXTURES, 'forever.js'), min_uptime: '30s', max_restarts: 3, ready_log_line: 'ready', liveness_probe: { tcp_socket: { port }, period: 100, failure_threshold: 2 } }],
    });
    // --no-wait: the restarts after the start are the subject here, not the start's own result.
    await startOk([file, '--no-wait'], { home });
    await expectErroredBy(t, home, 'deaf', 'liveness');
  });

  it('with default restart settings, repeated liveness restarts back off instead of looping at full speed', async (t) => {
    const home = makeHome(t);
    const port = await freePort();
    const file = writeAppFile(t, { apps: [{ name: 'deaf', script: path.join(FIXTURES, 'forever.js'), liveness_probe: { tcp_socket: { port }, period: 100, failure_threshold: 2 } }] });
    await startOk([file, '--no-wait'], { home });
    await waitForInstances({ home }, 'deaf', (r) => r.restarts >= 4, 1, 30_000);
    assert.deepEqual(delaysOf(await transitionsOf(home, 'deaf')).slice(0, 4), [100, 150, 225, 337]);
    assert.equal((await runCli(['stop', 'deaf'], { home })).code, 0);
  });
});
