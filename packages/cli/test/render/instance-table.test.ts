import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { InstanceRow } from '@svctl/protocol';
import { useColor } from '../../src/render/colors.js';
import { renderInstanceTable } from '../../src/render/instance-table.js';

const ESC = '\u001b[';

function row(overrides: Partial<InstanceRow> = {}): InstanceRow {
  return {
    id: 123,
    app: 'a-very-long-application-name-indeed',
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

  it('says under the table when an instance cannot write its logs, and nothing when all is well', () => {
    const blocked = row({ app: 'api', instance: 0, log_state: { status: 'blocked', error: 'ENOSPC: no space left on device, write', dropped_lines: 0 } });
    const dropping = row({ app: 'web', instance: 1, log_state: { status: 'dropping', error: 'ENOSPC: no space left on device, write', dropped_lines: 1234 } });
    const fine = row({ app: 'ok', log_state: { status: 'ok', dropped_lines: 0 } });
    const lines = renderInstanceTable([blocked, dropping, fine], false).split('\n');
    assert.equal(lines.length, 1 + 3 + 2);
    assert.equal(lines[4], 'api[0] logs blocked (ENOSPC: no space left on device, write)');
    assert.equal(lines[5], 'web[1] logs dropping (ENOSPC: no space left on device, write), 1234 lines dropped');
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
