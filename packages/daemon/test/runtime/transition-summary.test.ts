import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Status, TransitionEvent } from '@svctl/protocol';
import { TransitionSummary, type TransitionSummaryLine } from '../../src/runtime/transition-summary.js';

function harness(perWindow = 3, windowMs = 10_000) {
  let now = 0;
  const one: TransitionEvent[] = [];
  const summaries: Array<{ line: TransitionSummaryLine; message: string }> = [];
  const summary = new TransitionSummary({ logOne: (event) => one.push(event), logSummary: (line, message) => summaries.push({ line, message }), now: () => now, windowMs, perWindow });
  return { summary, one, summaries, advance: (ms: number) => (now += ms) };
}

const event = (app: string, from: Status, to: Status): TransitionEvent => ({ at: '', app, instance: 0, from, to, reason: 'crash', detail: 'exit code 1' });

/** One crash-loop round: starting -> online -> waiting -> starting. */
function crashLoop(summary: TransitionSummary, app: string, rounds: number): void {
  for (let round = 0; round < rounds; round++) {
    summary.record(event(app, 'starting', 'online'));
    summary.record(event(app, 'online', 'waiting'));
    summary.record(event(app, 'waiting', 'starting'));
  }
}

describe('TransitionSummary', () => {
  it('logs the first transitions of a window one by one and summarises the rest when the window ends', () => {
    const { summary, one, summaries, advance } = harness();
    crashLoop(summary, 'api', 100);
    assert.equal(one.length, 3);
    assert.equal(summaries.length, 0);
    advance(9_999);
    summary.flush();
    assert.equal(summaries.length, 0, 'the window has not ended');
    advance(1);
    summary.flush();
    assert.equal(summaries.length, 1);
    const [{ line, message }] = summaries as [{ line: TransitionSummaryLine; message: string }];
    assert.deepEqual({ app: line.app, transitions: line.transitions, restarts: line.restarts, window_ms: line.window_ms }, { app: 'api', transitions: 297, restarts: 100, window_ms: 10_000 });
    assert.deepEqual(line.last, { instance: 0, from: 'waiting', to: 'starting', reason: 'crash', detail: 'exit code 1' });
    assert.match(message, /^api restarted 100 times in the last 10 s \(297 transitions summarised; last: \[0\] waiting -> starting: crash \(exit code 1\)\)$/);
  });

  it('a transition after the window ends closes it with a summary and opens a new one', () => {
    const { summary, one, summaries, advance } = harness();
    crashLoop(summary, 'api', 2);
    advance(10_000);
    summary.record(event('api', 'starting', 'online'));
    assert.equal(summaries.length, 1);
    assert.equal(summaries[0]?.line.transitions, 3);
    assert.equal(one.length, 4, 'the new window logs its first transitions again');
  });

  it('keeps apps apart, writes nothing for a quiet window, and summarises everything on flush(all)', () => {
    const { summary, one, summaries, advance } = harness();
    summary.record(event('quiet', 'starting', 'online'));
    crashLoop(summary, 'api', 5);
    summary.record(event('web', 'online', 'stopping'));
    summary.record(event('web', 'stopping', 'stopped'));
    summary.record(event('web', 'stopped', 'starting'));
    summary.record(event('web', 'starting', 'online'));
    assert.equal(one.length, 1 + 3 + 3);
    advance(2_000);
    summary.flush(true);
    assert.deepEqual(summaries.map(({ line }) => [line.app, line.transitions, line.restarts]), [['api', 12, 5], ['web', 1, 0]]);
    assert.match(summaries[1]?.message ?? '', /^web: 1 more transitions in the last 2 s/);
    summary.flush(true);
    assert.equal(summaries.length, 2, 'windows are forgotten once summarised');
  });
});
