import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TransitionEvent } from '@svctl/protocol';
import { EventLog } from '../../src/events/event-log.js';
import { parseSince } from '../../src/events/parse-since.js';
import { EventBus } from '../../src/supervisor/event-bus.js';

const at = (ms: number): TransitionEvent => ({ at: new Date(ms).toISOString(), app: 'api', instance: 0, from: 'online', to: 'stopping', reason: 'user_stop', detail: String(ms) });

describe('EventLog', () => {
  it('keeps the last events, bounded, and returns those since a time', () => {
    const bus = new EventBus();
    const log = new EventLog(bus, 10);
    for (let ms = 1000; ms <= 30_000; ms += 1000) bus.publish(at(ms));
    const kept = log.since(0);
    assert.equal(kept.length, 10);
    assert.equal(kept.at(-1)?.detail, '30000');
    assert.deepEqual(log.since(28_000).map((event) => event.detail), ['28000', '29000', '30000']);
    log.close();
    bus.publish(at(31_000));
    assert.equal(log.since(31_000).length, 0, 'closed: no longer listening');
  });
});

describe('parseSince', () => {
  it('reads durations back from now and ISO times, and rejects anything else', () => {
    assert.equal(parseSince('10m', 1_000_000), 400_000);
    assert.equal(parseSince('2024-01-01T00:00:00Z', 0), Date.UTC(2024, 0, 1));
    assert.throws(() => parseSince('soon', 0), /neither a duration/);
  });
});
