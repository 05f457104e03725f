import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { acceptsAppEvent, APP_EVENTS, APP_PHASES, desiredOf, IllegalAppMoveError, nextAppPhase, type AppEvent, type AppPhase } from '../../src/supervisor/app-machine.js';

/** The legal moves, written out independently of the table. */
const LEGAL: [AppPhase, AppEvent, AppPhase][] = [
  ['stopped', 'start', 'running'],
  ['stopped', 'wait', 'waiting'],
  ['stopped', 'stop', 'stopped'],
  ['stopped', 'reload', 'reloading'],
  ['stopped', 'scale', 'scaling'],
  ['stopped', 'done', 'stopped'],
  ['waiting', 'start', 'running'],
  ['waiting', 'wait', 'waiting'],
  ['waiting', 'released', 'running'],
  ['waiting', 'stop', 'stopped'],
  ['running', 'start', 'running'],
  ['running', 'wait', 'waiting'],
  ['running', 'stop', 'stopped'],
  ['running', 'reload', 'reloading'],
  ['running', 'scale', 'scaling'],
  ['reloading', 'stop', 'stopped'],
  ['reloading', 'done', 'running'],
  ['scaling', 'stop', 'stopped'],
  ['scaling', 'done', 'running'],
];

describe('app machine', () => {
  for (const [from, event, to] of LEGAL) {
    test(`${from} --${event}--> ${to}`, () => {
      assert.ok(acceptsAppEvent(from, event));
      assert.equal(nextAppPhase(from, event), to);
    });
  }

  const legal = new Set(LEGAL.map(([from, event]) => `${from}/${event}`));
  for (const phase of APP_PHASES) {
    for (const event of APP_EVENTS) {
      if (legal.has(`${phase}/${event}`)) continue;
      test(`${phase} rejects ${event}`, () => {
        assert.equal(acceptsAppEvent(phase, event), false);
        assert.throws(() => nextAppPhase(phase, event), IllegalAppMoveError);
      });
    }
  }

  test('the desired state saved in the dump is stopped only in the stopped phase', () => {
    assert.deepEqual(APP_PHASES.map(desiredOf), ['stopped', 'running', 'running', 'running', 'running']);
  });
});
