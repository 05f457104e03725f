// apps.list answers from row texts the daemon keeps until a row changes (supervisor/row-texts.ts): each
// change must be in the very next list on the same connection, with no polling; between two lists of an
// unchanged instance only its uptime moves.
import assert from 'node:assert/strict';
import path from 'node:path';
import { it } from 'node:test';
import { AppsList, AppsRestart, AppsStop, EventsSubscribe, SvctlClient, type InstanceRow, type TransitionEvent } from '@svctl/protocol';
import { isOnline, startOk, waitForInstances, writeAppFile } from '../helpers/apps.js';
import { makeHome } from '../helpers/home.js';
import { FIXTURES } from '../helpers/paths.js';
import { waitFor } from '../helpers/wait.js';

it('a stop, a start, a crash and a restart are each in the very next apps.list; otherwise only uptime_ms moves', async (t) => {
  const home = makeHome(t);
  // A long restart_delay: after the crash the instance waits, without a process, until the test restarts it.
  const file = writeAppFile(t, { apps: [{ name: 'kept', script: path.join(FIXTURES, 'forever.js'), restart_delay: 600_000 }] });
  await startOk([file], { home });
  await waitForInstances({ home }, 'kept', isOnline, 1);
  const client = await SvctlClient.connect({ home });
  t.after(() => client.close());
  const row = async (): Promise<InstanceRow> => {
    const found = (await client.call(AppsList, {})).instances.find((instance) => instance.app === 'kept');
    assert.ok(found !== undefined, 'kept is listed');
    return found;
  };
  const fixed = ({ pid, status, restarts, started_at, reason, detail }: InstanceRow) => ({ pid, status, restarts, started_at, reason, detail });

  const first = await row();
  const later = await waitFor('a later uptime', async () => {
    const next = await row();
    return next.uptime_ms > first.uptime_ms ? next : undefined;
  });
  assert.deepEqual(fixed(later), fixed(first));

  await client.call(AppsStop, { target: 'kept' });
  const stopped = await row();
  assert.equal(stopped.status, 'stopped');
  assert.equal(stopped.pid, null);
  assert.equal(stopped.uptime_ms, 0);

  await startOk(['kept'], { home });
  const started = await row();
  assert.ok(isOnline(started), `online after start: ${JSON.stringify(started)}`);
  assert.notEqual(started.started_at, first.started_at);

  const transitions: TransitionEvent[] = [];
  const subscription = await client.subscribe(EventsSubscribe, { snapshot: false }, { onItem: (item) => item.type === 'transition' && item.app === 'kept' && transitions.push(item) });
  t.after(() => subscription.close());
  process.kill(started.pid ?? 0, 'SIGKILL');
  await waitFor('the crash transition', () => transitions.some((event) => event.from === 'online'));
  const crashed = await row();
  assert.notEqual(crashed.status, 'online');
  assert.equal(crashed.pid, null);

  await client.call(AppsRestart, { target: 'kept' });
  const restarted = await row();
  assert.ok(isOnline(restarted), `online after restart: ${JSON.stringify(restarted)}`);
  assert.notEqual(restarted.pid, started.pid);
  assert.ok(restarted.restarts > started.restarts, `restarts counted: ${started.restarts} → ${restarted.restarts}`);
});
