import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { REASON_CODES, STATUSES, type ReasonCode, type Status } from '@svctl/protocol';
import {
  accepts,
  IllegalTransitionError,
  transition,
  type EventType,
  type MachineEvent,
} from '../../src/lifecycle/machine.js';
import { FRESH_COUNTERS } from '../../src/lifecycle/policy.js';

const restartIn150: MachineEvent = {
  type: 'exited',
  cause: 'crash',
  exit: 'exit code 1',
  decision: { action: 'restart', delayMs: 150, unstable: true, counters: FRESH_COUNTERS },
};

/** One event of each type; a Record so that a new event type cannot be forgotten here. */
const SAMPLE_EVENTS: Record<EventType, MachineEvent> = {
  start: { type: 'start', cause: 'user_start', detail: '' },
  spawned: { type: 'spawned', pid: 42, readyTimeoutMs: null },
  ready: { type: 'ready', how: 'ready message' },
  ready_timeout: { type: 'ready_timeout', timeoutMs: 3000 },
  fail: { type: 'fail', cause: 'liveness', detail: '3 consecutive failures of http_get http://127.0.0.1:3000/ (last: HTTP 500)' },
  failure_terminated: {
    type: 'failure_terminated',
    cause: 'liveness',
    exit: 'killed by SIGTERM',
    decision: { action: 'restart', delayMs: 0, unstable: false, counters: FRESH_COUNTERS },
  },
  hold: { type: 'hold', cause: 'dependency', detail: 'waiting for db to be healthy (db is starting)' },
  spawn_failed: { type: 'spawn_failed', detail: 'cwd /nope does not exist' },
  exited: restartIn150,
  restart_due: { type: 'restart_due', after: 'crash' },
  stop: { type: 'stop', cause: 'user_stop', detail: '' },
  terminated: { type: 'terminated', cause: 'user_stop', exit: 'killed by SIGTERM' },
};

/** The legal moves, written out independently of the table: [from, event, to, effect types, reason, detail]. */
const spawnedAwaitingReady: MachineEvent = { type: 'spawned', pid: 42, readyTimeoutMs: 3000 };
const memoryFailure: MachineEvent = { type: 'fail', cause: 'memory', detail: 'rss 300 bytes over max_memory_restart 200 bytes' };

const LEGAL: [Status, MachineEvent, Status, string[], ReasonCode, string][] = [
  ['stopped', SAMPLE_EVENTS.start, 'starting', ['spawn'], 'user_start', ''],
  ['stopped', SAMPLE_EVENTS.hold, 'stopped', [], 'dependency', 'waiting for db to be healthy (db is starting)'],
  ['errored', SAMPLE_EVENTS.start, 'starting', ['spawn'], 'user_start', ''],
  ['errored', SAMPLE_EVENTS.stop, 'stopped', [], 'user_stop', ''],
  ['errored', SAMPLE_EVENTS.hold, 'stopped', [], 'dependency', 'waiting for db to be healthy (db is starting)'],
  ['starting', SAMPLE_EVENTS.spawned, 'online', [], 'spawned', 'pid 42'],
  ['starting', spawnedAwaitingReady, 'starting', ['await_ready'], 'spawned', 'pid 42, waiting until ready (listen_timeout 3000ms)'],
  ['starting', SAMPLE_EVENTS.ready, 'online', [], 'ready', 'ready message'],
  ['starting', SAMPLE_EVENTS.ready_timeout, 'stopping', ['kill_group'], 'readiness_timeout', 'not ready within listen_timeout 3000ms'],
  ['starting', memoryFailure, 'stopping', ['kill_group'], 'memory', 'rss 300 bytes over max_memory_restart 200 bytes'],
  ['starting', SAMPLE_EVENTS.spawn_failed, 'errored', [], 'spawn_failed', 'cwd /nope does not exist'],
  ['starting', restartIn150, 'waiting', ['kill_remnants', 'schedule_restart'], 'crash', 'exit code 1; restart in 150ms'],
  ['starting', SAMPLE_EVENTS.stop, 'stopping', ['kill_group'], 'user_stop', ''],
  ['online', restartIn150, 'waiting', ['kill_remnants', 'schedule_restart'], 'crash', 'exit code 1; restart in 150ms'],
  ['online', SAMPLE_EVENTS.stop, 'stopping', ['kill_group'], 'user_stop', ''],
  ['online', SAMPLE_EVENTS.fail, 'stopping', ['kill_group'], 'liveness', '3 consecutive failures of http_get http://127.0.0.1:3000/ (last: HTTP 500)'],
  ['online', memoryFailure, 'stopping', ['kill_group'], 'memory', 'rss 300 bytes over max_memory_restart 200 bytes'],
  ['stopping', SAMPLE_EVENTS.terminated, 'stopped', [], 'user_stop', 'killed by SIGTERM'],
  ['stopping', SAMPLE_EVENTS.failure_terminated, 'waiting', ['schedule_restart'], 'liveness', 'killed by SIGTERM; restart in 0ms'],
  ['waiting', SAMPLE_EVENTS.restart_due, 'starting', ['spawn'], 'restart_due', 'restart after crash'],
  ['waiting', SAMPLE_EVENTS.start, 'starting', ['cancel_restart', 'spawn'], 'user_start', ''],
  ['waiting', SAMPLE_EVENTS.stop, 'stopped', ['cancel_restart'], 'user_stop', 'pending restart cancelled'],
];

describe('transition: legal moves', () => {
  for (const [from, event, to, effects, reason, detail] of LEGAL) {
    test(`${from} --${event.type}--> ${to} (${reason})`, () => {
      const step = transition(from, event);
      assert.equal(step.status, to);
      assert.deepEqual(step.effects.map((effect) => effect.type), effects);
      assert.equal(step.reason, reason);
      assert.equal(step.detail, detail);
      assert.ok(accepts(from, event.type));
    });
  }

  test('the restart is scheduled with the policy delay', () => {
    assert.deepEqual(transition('online', restartIn150).effects[1], { type: 'schedule_restart', delayMs: 150 });
  });

  test('an exit with a code in stop_exit_codes goes to stopped with reason stop_exit_code', () => {
    const step = transition('online', {
      type: 'exited',
      cause: 'clean_exit',
      exit: 'exit code 0',
      decision: { action: 'stop', why: 'stop_exit_code', detail: 'exit code 0 is in stop_exit_codes', counters: FRESH_COUNTERS },
    });
    assert.deepEqual([step.status, step.reason, step.detail], ['stopped', 'stop_exit_code', 'exit code 0; not restarted: exit code 0 is in stop_exit_codes']);
  });

  test('an exit the policy gives up on goes to errored, the reason staying the cause', () => {
    const step = transition('online', {
      type: 'exited',
      cause: 'crash',
      exit: 'killed by SIGKILL',
      decision: { action: 'give_up', detail: 'too many unstable restarts (16 within 68.6s)', counters: FRESH_COUNTERS },
    });
    assert.deepEqual([step.status, step.reason, step.detail], ['errored', 'crash', 'killed by SIGKILL; too many unstable restarts (16 within 68.6s)']);
  });

  test('every move changes the status, except waiting for readiness and holding before a start', () => {
    const selfMoves = new Set(['starting/spawned', 'stopped/hold']);
    for (const [from, event, to] of LEGAL) {
      if (selfMoves.has(`${from}/${event.type}`) && to === from) continue;
      assert.notEqual(transition(from, event).status, from);
    }
  });

  test('after a failure stop, the policy decides: stopped or errored, with the failure as the reason', () => {
    const base = { type: 'failure_terminated', cause: 'memory', exit: 'killed by SIGTERM' } as const;
    const stopped = transition('stopping', { ...base, decision: { action: 'stop', why: 'autorestart_off', detail: 'autorestart is off', counters: FRESH_COUNTERS } });
    assert.deepEqual([stopped.status, stopped.reason, stopped.detail], ['stopped', 'memory', 'killed by SIGTERM; not restarted: autorestart is off']);
    const errored = transition('stopping', { ...base, decision: { action: 'give_up', detail: 'too many unstable restarts', counters: FRESH_COUNTERS } });
    assert.deepEqual([errored.status, errored.reason, errored.detail], ['errored', 'memory', 'killed by SIGTERM; too many unstable restarts']);
  });

  test('every reason a step carries is in the catalogue', () => {
    for (const [from, event] of LEGAL) assert.ok(REASON_CODES.includes(transition(from, event).reason));
  });
});

describe('transition: every other (status, event) pair is rejected', () => {
  const legal = new Set(LEGAL.map(([from, event]) => `${from}/${event.type}`));
  for (const status of STATUSES) {
    for (const type of Object.keys(SAMPLE_EVENTS) as EventType[]) {
      if (legal.has(`${status}/${type}`)) continue;
      test(`${status} rejects ${type}`, () => {
        assert.equal(accepts(status, type), false);
        assert.throws(() => transition(status, SAMPLE_EVENTS[type]), IllegalTransitionError);
      });
    }
  }
});
