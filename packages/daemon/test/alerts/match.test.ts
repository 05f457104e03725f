import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReasonCode, TransitionEvent } from '@svctl/protocol';
import { RuleMatcher } from '../../src/alerts/match.js';
import { RateLimit } from '../../src/alerts/rate-limit.js';

const event = (from: TransitionEvent['from'], to: TransitionEvent['to'], reason: ReasonCode, app = 'api', detail = ''): TransitionEvent => ({
  at: new Date(0).toISOString(),
  app,
  instance: 0,
  from,
  to,
  reason,
  detail,
});

describe('RuleMatcher', () => {
  it('matches errored once, and memory only on the failure stop of the restart it caused', () => {
    const matcher = new RuleMatcher({ on: ['errored', 'memory'], command: ['true'] });
    assert.deepEqual(matcher.match(event('stopping', 'errored', 'crash'), 0), [{ kind: 'errored' }]);
    assert.deepEqual(matcher.match(event('online', 'stopping', 'memory'), 0), [{ kind: 'memory' }]);
    assert.deepEqual(matcher.match(event('stopping', 'waiting', 'memory'), 0), []);
    assert.deepEqual(matcher.match(event('online', 'stopping', 'user_stop'), 0), []);
  });

  it('decides by the reason code, never by the detail text', () => {
    const matcher = new RuleMatcher({ on: ['memory', 'liveness', 'log_write_failed'], command: ['true'] });
    assert.deepEqual(matcher.match(event('online', 'stopping', 'user_stop', 'api', 'memory liveness log_write_failed'), 0), []);
  });

  it('fires crash when an app restarts more than N times within the window', () => {
    const matcher = new RuleMatcher({ on: ['crash'], crash: { restarts: 2, within: '1m' }, command: ['true'] });
    const crash = () => event('online', 'waiting', 'crash', 'api', 'exit code 1; restart in 100ms');
    assert.deepEqual(matcher.match(crash(), 0), []);
    assert.deepEqual(matcher.match(crash(), 1000), []);
    assert.deepEqual(matcher.match(crash(), 2000), [{ kind: 'crash', crash: { restarts: 3, within_ms: 60_000 } }]);
    // Two minutes later the window holds only the new one.
    assert.deepEqual(matcher.match(crash(), 122_000), []);
  });

  it('forgets the crash times of apps that stopped crashing (deleted apps too)', () => {
    const matcher = new RuleMatcher({ on: ['crash'], crash: { restarts: 2, within: '1m' }, command: ['true'] });
    for (let index = 0; index < 100; index++) matcher.match(event('online', 'waiting', 'crash', `gone-${index}`), index);
    matcher.match(event('online', 'waiting', 'crash', 'api'), 30_000);
    assert.equal(matcher.trackedApps, 101);
    // Once their crashes left the window, the next crash of any app drops them.
    matcher.match(event('online', 'waiting', 'crash', 'api'), 61_000);
    assert.equal(matcher.trackedApps, 1);
  });

  it('matches log_write_failed triggers, which change no status (from === to)', () => {
    const matcher = new RuleMatcher({ on: ['log_write_failed', 'liveness'], command: ['true'] });
    assert.deepEqual(matcher.match(event('online', 'online', 'log_write_failed', 'api', 'cannot write /x.log (ENOSPC)'), 0), [{ kind: 'log_write_failed' }]);
    assert.deepEqual(matcher.match(event('online', 'stopping', 'liveness'), 0), [{ kind: 'liveness' }]);
    assert.deepEqual(matcher.match(event('online', 'stopping', 'user_stop'), 0), []);
  });

  it('applies only to the listed apps', () => {
    const matcher = new RuleMatcher({ on: ['errored'], apps: ['worker'], command: ['true'] });
    assert.deepEqual(matcher.match(event('online', 'errored', 'crash', 'api'), 0), []);
    assert.equal(matcher.match(event('online', 'errored', 'crash', 'worker'), 0).length, 1);
  });
});

describe('RateLimit', () => {
  it('lets max alerts through per window and counts the rest', () => {
    const limit = new RateLimit(3, 60_000);
    const passed = Array.from({ length: 100 }, (_, index) => limit.tryTake(index)).filter(Boolean).length;
    assert.equal(passed, 3);
    assert.equal(limit.takeSuppressed(), 97);
    assert.equal(limit.tryTake(60_000), true, 'a slot frees up once the first one leaves the window');
  });
});
