// The supervisor's one door, on a fake OS with a fake clock: memory, watch and cron restarts are requests
// carrying a cause, and the restart policy's row for that cause decides (no forking, no waiting).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { REASON_CODES, type AppSpec, type TransitionEvent } from '@svctl/protocol';
import { pino } from 'pino';
import { LogService } from '../../src/logs/log-service.js';
import { EventBus } from '../../src/supervisor/event-bus.js';
import { Supervisor } from '../../src/supervisor/supervisor.js';
import { FakeOs, settle } from '../fakes/fake-os.js';
import { specFor } from '../persistence/fixtures.js';

function supervised(t: TestContext, spec: Partial<AppSpec> = {}) {
  const home = fs.mkdtempSync('/tmp/svctl-');
  t.after(() => fs.rmSync(home, { recursive: true, force: true }));
  const os = new FakeOs();
  const logger = pino({ level: 'silent' });
  const bus = new EventBus();
  const events: TransitionEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const supervisor = new Supervisor({ os, logsDir: path.join(home, 'logs'), logs: new LogService({ maxSize: 1 << 20, maxFiles: 1, maxAgeMs: null, compress: false }, logger, 1 << 20), logger, bus });
  t.after(() => supervisor.stopAll());
  const app = { ...specFor('api'), ...spec } as AppSpec;
  const row = () => supervisor.list()[0];
  const memory = () => supervisor.requestRestart({ app: 0, instance: 0, cause: 'memory', detail: 'rss 300 bytes over max_memory_restart 200 bytes' });
  return { os, supervisor, events, row, memory, start: () => supervisor.restore([{ id: 0, desired: 'running', spec: app }], 'resurrect') };
}

/** Memory requests each time the instance is online, on the fake clock; returns the restart delays seen. */
async function memoryLoop(os: FakeOs, memory: () => Promise<void>, row: () => { status: string } | undefined, runMs: number, maxRuns: number): Promise<number[]> {
  const delays: number[] = [];
  for (let run = 0; run < maxRuns && row()?.status === 'online'; run++) {
    await os.advance(runMs);
    await memory();
    await settle();
    if (row()?.status !== 'waiting') break;
    const [delay] = os.pendingDelays();
    assert.ok(delay !== undefined, 'a restart is scheduled');
    delays.push(delay);
    await os.advance(delay);
  }
  return delays;
}

describe('supervisor: one door for restarts', () => {
  it('memory within min_uptime: failure stops through the policy, delays growing, errored with reason memory after max_restarts', async (t) => {
    const { os, events, row, memory, start } = supervised(t, { min_uptime: 30_000, max_restarts: 3 });
    await start();
    assert.equal(row()?.status, 'online');
    const delays = await memoryLoop(os, memory, row, 500, 10);
    assert.deepEqual(delays, [100, 150, 225]);
    assert.deepEqual([row()?.status, row()?.reason, row()?.restarts], ['errored', 'memory', 3]);
    assert.match(row()?.detail ?? '', /too many unstable restarts/);
    assert.equal(os.children.filter((child) => child.alive).length, 0);
    const memoryMoves = events.filter((event) => event.reason === 'memory').map((event) => `${event.from}>${event.to}`);
    assert.deepEqual(memoryMoves, ['online>stopping', 'stopping>waiting', 'online>stopping', 'stopping>waiting', 'online>stopping', 'stopping>waiting', 'online>stopping', 'stopping>errored']);
    for (const event of events) assert.ok(REASON_CODES.includes(event.reason), event.reason);
  });

  it('memory after min_uptime with default settings does not count, yet backs off instead of looping at full speed', async (t) => {
    const { os, row, memory, start } = supervised(t);
    await start();
    const delays = await memoryLoop(os, memory, row, 2000, 20);
    assert.equal(delays.length, 20);
    assert.deepEqual(delays.slice(0, 5), [100, 150, 225, 337, 505]);
    assert.equal(delays.at(-1), 15_000);
    assert.equal(row()?.status, 'online');
    assert.equal(row()?.unstable_restarts, 0);
  });

  it('a watch or cron restart neither counts toward max_restarts nor resets the streak; a user restart does reset it', async (t) => {
    const { os, supervisor, row, memory, start } = supervised(t, { min_uptime: 30_000, max_restarts: 3 });
    await start();
    await memoryLoop(os, memory, row, 100, 2);
    assert.equal(row()?.unstable_restarts, 2);
    for (let restart = 0; restart < 10; restart++) {
      await supervisor.requestRestart({ app: 0, cause: restart % 2 === 0 ? 'watch' : 'cron', detail: 'src/index.js changed' });
      assert.deepEqual([row()?.status, row()?.reason, row()?.unstable_restarts], ['online', 'spawned', 2]);
    }
    assert.equal(row()?.restarts, 12);
    await supervisor.restart({ target: 'api' });
    assert.equal(row()?.unstable_restarts, 0);
  });

  it('a watch restart carries its cause and detail into the transitions', async (t) => {
    const { supervisor, events, start } = supervised(t);
    await start();
    await supervisor.requestRestart({ app: 0, cause: 'watch', detail: 'src/index.js changed' });
    const watch = events.filter((event) => event.reason === 'watch').map((event) => `${event.from}>${event.to} ${event.detail}`);
    assert.deepEqual(watch, ['online>stopping src/index.js changed', 'stopping>stopped killed by SIGTERM', 'stopped>starting src/index.js changed']);
  });

  it('requests for an app that is not wanted are ignored', async (t) => {
    const { supervisor, row, memory, start } = supervised(t);
    await start();
    await supervisor.stop('api');
    await memory();
    await supervisor.requestRestart({ app: 0, cause: 'cron', detail: 'cron_restart "* * * * *"' });
    assert.deepEqual([row()?.status, row()?.reason], ['stopped', 'user_stop']);
  });

  it('signal counts the instances it reached instead of reading the outcome text', async (t) => {
    const { supervisor, start } = supervised(t);
    await start();
    assert.equal((await supervisor.signal('api', undefined, 'SIGHUP'))[0]?.action, 'signalled');
    await supervisor.stop('api');
    await assert.rejects(supervisor.signal('api', undefined, 'SIGHUP'), /no running instance/);
  });

  it('a reload whose new instance fails is RELOAD_FAILED and keeps the old one', async (t) => {
    const { os, supervisor, row, start } = supervised(t);
    await start();
    const old = row()?.pid;
    os.spawnFailure = 'cwd /nope does not exist';
    await assert.rejects(supervisor.reload({ target: 'api' }), (error: { code?: string; message: string }) => error.code === 'RELOAD_FAILED' && /spawn_failed: cwd \/nope/.test(error.message));
    assert.deepEqual([row()?.status, row()?.pid], ['online', old]);
  });
});
