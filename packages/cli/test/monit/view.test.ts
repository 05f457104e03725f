import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { InstanceRow } from '@svctl/protocol';
import { sparkline } from '../../src/monit/sparkline.js';
import { parseKeys } from '../../src/monit/terminal.js';
import { healthOf, renderScreen, seriesKey, type MonitState } from '../../src/monit/view.js';

const row = (app: string, extra: Partial<InstanceRow> = {}): InstanceRow => ({
  id: 0,
  app,
  namespace: 'default',
  instance: 0,
  pid: 42,
  status: 'online',
  restarts: 0,
  unstable_restarts: 0,
  uptime_ms: 5000,
  started_at: null,
  exit_code: null,
  signal: null,
  reason: null,
  detail: '',
  cpu: 12.5,
  memory: 50 * 1024 * 1024,
  ...extra,
});

describe('sparkline', () => {
  it('scales to the ceiling, blanks missing samples and keeps the newest last', () => {
    assert.equal(sparkline([0, 50, 100], 3, 100), '▁▅█');
    assert.equal(sparkline([null, 100], 4, 100), '   █');
    assert.equal(sparkline([1, 2, 3, 4, 5, 6, 7, 8], 2), '▇█');
  });
});

describe('parseKeys', () => {
  it('reads arrows, vi keys, q and Ctrl-C from raw input', () => {
    assert.deepEqual(parseKeys('\u001b[A\u001b[Bjkq\u0003x'), ['up', 'down', 'down', 'up', 'quit', 'quit']);
  });
});

describe('renderScreen', () => {
  it('fits every line to the width and the height, and marks the selection without colour', () => {
    const state: MonitState = {
      rows: [row('api'), row('worker', { pid: null, status: 'stopped', cpu: null, memory: null })],
      series: new Map([[seriesKey('api', 0), { id: 0, app: 'api', instance: 0, cpu: [10, 20, null, 40], memory: [1, 2, 3, 4] }]]),
      intervalMs: 2000,
      selected: 1,
      logTitle: 'logs: worker[0]',
      logLines: Array.from({ length: 50 }, (_, index) => `line ${index}\twith a tab`),
      error: null,
    };
    const lines = renderScreen(state, 80, 20, false);
    assert.equal(lines.length, 20);
    assert.ok(lines.every((line) => [...line].length <= 80));
    assert.match(lines[0] ?? '', /2 instance\(s\), sampled every 2s/);
    assert.ok(lines.some((line) => /^api\s+0 online\s+-\s+0\s+5s\s+13%|^api\s+0 online\s+-\s+0\s+5s\s+12\.5%/.test(line)), lines.join('\n'));
    assert.ok(lines.some((line) => line.startsWith('>orker')), 'the selected row is marked');
    assert.equal(lines.at(-1), 'line 49  with a tab', 'the newest log line is last');
  });

  it("reads the health field when list rows have one, '-' otherwise", () => {
    assert.equal(healthOf(row('a')), '-');
    assert.equal(healthOf({ ...row('a'), health: 'ready' } as InstanceRow), 'ready');
  });
});
