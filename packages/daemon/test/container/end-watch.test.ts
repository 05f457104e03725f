import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { InstanceRow, Status, TransitionEvent } from '@svctl/protocol';
import { EndWatch } from '../../src/container/end-watch.js';

/** A fake supervisor: rows set by the test, transitions published to the watch. */
function fakeSource(restarting: ReadonlySet<string> = new Set()) {
  let rows: InstanceRow[] = [];
  const listeners = new Set<(event: TransitionEvent) => void>();
  return {
    source: {
      rows: () => rows,
      restartsItself: (app: string) => restarting.has(app),
      subscribe: (listener: (event: TransitionEvent) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    /** The instance moves to `to` (its row says so), at `at` ms. */
    move(app: string, to: Status, fields: Partial<InstanceRow>, at: number): void {
      const next = { ...baseRow(app), ...rows.find((row) => row.app === app), status: to, ...fields };
      rows = [...rows.filter((row) => row.app !== app), next];
      for (const listener of listeners) listener({ at: new Date(at).toISOString(), app, instance: 0, from: 'online', to, reason: next.reason ?? 'spawned', detail: '' });
    },
  };
}

function baseRow(app: string): InstanceRow {
  return { id: 0, app, namespace: 'default', instance: 0, pid: null, status: 'online', restarts: 0, unstable_restarts: 0, uptime_ms: 0, started_at: null, exit_code: null, signal: null, reason: 'spawned', detail: '', health: null, cpu: null, memory: null };
}

/** Lets the watch's deferred check run. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('EndWatch', () => {
  it('ends when every instance rests for good, with the code of the first that failed', async () => {
    const fake = fakeSource();
    const watch = new EndWatch(fake.source);
    let code: number | undefined;
    void watch.ended.then((value) => (code = value));
    fake.move('api', 'online', {}, 0);
    fake.move('job', 'online', {}, 0);
    watch.arm();
    fake.move('job', 'stopped', { reason: 'crash', exit_code: 3 }, 1000);
    await turn();
    assert.equal(code, undefined, 'api still runs');
    assert.equal(watch.failureCode(), 3);
    fake.move('api', 'errored', { reason: 'crash', exit_code: 7 }, 2000);
    await turn();
    await turn();
    assert.equal(code, 3);
    watch.close();
  });

  it('does not end while an instance waits for a restart, its dependencies, or a cron/watch trigger, nor before arm()', async () => {
    const fake = fakeSource(new Set(['nightly']));
    const watch = new EndWatch(fake.source);
    let ended = false;
    void watch.ended.then(() => (ended = true));
    fake.move('api', 'stopped', { reason: 'clean_exit', exit_code: 0 }, 0);
    await turn();
    assert.equal(ended, false, 'not armed yet');
    fake.move('api', 'waiting', { reason: 'crash', exit_code: 1 }, 10);
    fake.move('worker', 'stopped', { reason: 'dependency' }, 10);
    fake.move('nightly', 'stopped', { reason: 'clean_exit', exit_code: 0 }, 10);
    watch.arm();
    await turn();
    assert.equal(ended, false);
    fake.move('api', 'stopped', { reason: 'clean_exit', exit_code: 0 }, 20);
    fake.move('worker', 'stopped', { reason: 'clean_exit', exit_code: 0 }, 20);
    await turn();
    assert.equal(ended, false, 'the cron app may still run again');
    watch.close();
  });
});
