import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { InstanceRow } from '@svctl/protocol';
import { applyEvent, applyList, rowKey, visibleGroups, type FleetView } from '../../dashboard-ui/src/fleet-model.js';
import { applySamples, applyTick, queueSamples } from '../../dashboard-ui/src/samples-model.js';

function row(app: string, instance: number, extra: Partial<InstanceRow> = {}): InstanceRow {
  return {
    id: 1, app, namespace: 'default', instance, pid: 100 + instance, status: 'online', restarts: 0, unstable_restarts: 0, uptime_ms: 1000, started_at: null,
    exit_code: null, signal: null, reason: null, detail: '', cpu: null, memory: null, ...extra,
  };
}

const view: FleetView = { text: '', status: 'all', sort: 'app', descending: false };

describe('the dashboard fleet model', () => {
  it('keeps the identity of rows a list did not change, so their table rows are not rendered again', () => {
    const first = applyList(new Map(), [row('web', 0), row('web', 1)]);
    const second = applyList(first, [row('web', 0), row('web', 1, { restarts: 1 })]);
    assert.equal(second.get(rowKey({ app: 'web', instance: 0 })), first.get(rowKey({ app: 'web', instance: 0 })));
    assert.notEqual(second.get(rowKey({ app: 'web', instance: 1 })), first.get(rowKey({ app: 'web', instance: 1 })));
  });

  it('applies a transition to its instance only, and ignores live markers and unknown instances', () => {
    const fleet = applyList(new Map(), [row('web', 0), row('api', 0)]);
    const next = applyEvent(fleet, { type: 'transition', at: 'now', app: 'web', instance: 0, from: 'online', to: 'stopping', reason: 'user_stop', detail: 'svctl stop' });
    assert.equal(next.get(rowKey({ app: 'web', instance: 0 }))?.status, 'stopping');
    assert.equal(next.get(rowKey({ app: 'api', instance: 0 })), fleet.get(rowKey({ app: 'api', instance: 0 })));
    assert.equal(applyEvent(fleet, { type: 'live', at: 'now' }), fleet);
    assert.equal(applyEvent(fleet, { type: 'state', at: 'now', app: 'gone', instance: 0, status: 'stopped', pid: null, reason: null, detail: '' }), fleet);
  });

  it('groups by namespace, filters by text and status, and sorts both ways', () => {
    const fleet = applyList(new Map(), [row('web', 0, { restarts: 3 }), row('api', 0, { restarts: 7, status: 'errored' }), row('mailer', 0, { namespace: 'jobs', restarts: 1 })]);
    const names = (groups: ReturnType<typeof visibleGroups>) => groups.map((group) => [group.namespace, group.rows.map((one) => one.app)]);
    assert.deepEqual(names(visibleGroups(fleet, view)), [['default', ['api', 'web']], ['jobs', ['mailer']]]);
    assert.deepEqual(names(visibleGroups(fleet, { ...view, text: 'MAIL' })), [['jobs', ['mailer']]]);
    assert.deepEqual(names(visibleGroups(fleet, { ...view, status: 'errored' })), [['default', ['api']]]);
    assert.deepEqual(names(visibleGroups(fleet, { ...view, sort: 'restarts', descending: true })), [['default', ['api', 'web']], ['jobs', ['mailer']]]);
    assert.deepEqual(names(visibleGroups(fleet, { ...view, sort: 'restarts' })), [['default', ['web', 'api']], ['jobs', ['mailer']]]);
  });

  it('takes CPU and memory from sample ticks and keeps at most 60 samples per instance', () => {
    const fleet = applyList(new Map(), [row('web', 0), row('api', 0)]);
    const tick = { type: 'tick' as const, at: 'now', instances: [{ id: 1, app: 'web', instance: 0, cpu: 2.5, memory: 1000 }] };
    const next = applyTick(fleet, tick);
    assert.deepEqual([next.get(rowKey({ app: 'web', instance: 0 }))?.cpu, next.get(rowKey({ app: 'web', instance: 0 }))?.memory], [2.5, 1000]);
    assert.equal(next.get(rowKey({ app: 'api', instance: 0 })), fleet.get(rowKey({ app: 'api', instance: 0 })));
    assert.equal(applyTick(next, tick), next, 'an unchanged sample changes nothing');
    let series = applySamples(new Map(), { type: 'history', interval_ms: 2000, instances: [{ id: 1, app: 'web', instance: 0, cpu: [1, null], memory: [10, 20] }] });
    for (let i = 0; i < 70; i++) series = applySamples(series, tick);
    assert.equal(series.get(rowKey({ app: 'web', instance: 0 }))?.memory.length, 60);
  });

  it('queues samples for the next frame: a history replaces the queue, and ticks past the kept 60 drop the oldest', () => {
    const history = { type: 'history' as const, interval_ms: 2000, instances: [] };
    const tick = (n: number) => ({ type: 'tick' as const, at: `t${n}`, instances: [] });
    assert.deepEqual(queueSamples([tick(1), tick(2)], history), [history]);
    let queue = queueSamples([], history);
    for (let n = 0; n < 100; n++) queue = queueSamples(queue, tick(n));
    assert.equal(queue.length, 61, 'a hidden tab holds a bounded queue');
    assert.equal(queue[0], history, 'the history stays first');
    const [oldest, newest] = [queue[1], queue.at(-1)];
    assert.deepEqual([oldest?.type === 'tick' && oldest.at, newest?.type === 'tick' && newest.at], ['t40', 't99']);
  });
});
