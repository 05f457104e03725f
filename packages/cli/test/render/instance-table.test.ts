import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { InstanceRow } from '@svctl/protocol';
import { useColor } from '../../src/render/colors.js';
import { renderInstanceTable } from '../../src/render/instance-table.js';

const ESC = '\u001b[';

function row(overrides: Partial<InstanceRow> = {}): InstanceRow {
  return {
    id: 123,
    name: 'a-very-long-application-name-indeed',
    namespace: 'a-long-namespace',
    instance: 12,
    pid: 4_194_304,
    status: 'errored',
    restarts: 999,
    unstable_restarts: 0,
    uptime_ms: 99 * 86_400_000,
    started_at: null,
    exit_code: 1,
    signal: null,
    reason: 'crash',
    detail: 'exit code 1',
    cpu: 399.6,
    memory: 123.4 * 1024 ** 3,
    health: 'unhealthy',
    ...overrides,
  };
}

describe('svctl list table', () => {
  it('fits 80 columns even with the widest values', () => {
    const text = renderInstanceTable([row(), row({ status: 'stopping', pid: null })], false);
    for (const line of text.split('\n')) assert.ok([...line].length <= 80, `${[...line].length} columns: ${line}`);
    assert.match(text, /a-very-long-a…/);
  });

  it('colours the status only when asked to', () => {
    assert.ok(renderInstanceTable([row()], true).includes(`${ESC}31m`));
    assert.ok(!renderInstanceTable([row()], false).includes(ESC));
  });

  it('uses colour only on a TTY and never when NO_COLOR is set', (t) => {
    const previous = process.env.NO_COLOR;
    t.after(() => {
      if (previous === undefined) delete process.env.NO_COLOR;
      else process.env.NO_COLOR = previous;
    });
    delete process.env.NO_COLOR;
    assert.equal(useColor({ isTTY: true } as NodeJS.WriteStream), true);
    assert.equal(useColor({ isTTY: false } as NodeJS.WriteStream), false);
    process.env.NO_COLOR = '1';
    assert.equal(useColor({ isTTY: true } as NodeJS.WriteStream), false);
  });
});
