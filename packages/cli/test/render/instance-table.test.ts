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
  it('fits 80 columns even with the widest values, wrapping a long name whole under its start', () => {
    const text = renderInstanceTable([row(), row({ status: 'stopping', pid: null })], false, 80);
    const lines = text.split('\n');
    for (const line of lines) assert.ok([...line].length <= 80, `${[...line].length} columns: ${line}`);
    assert.match(lines[1] ?? '', /^123 a-very-long-ap a-long… 12 /);
    assert.deepEqual(lines.slice(2, 4), ['    plication-name', '    -indeed']);
  });

  it('widens the name column on a wide terminal, and as far as needed when piped', () => {
    const wide = renderInstanceTable([row(), row({ app: 'api' })], false, 200).split('\n');
    assert.equal(wide.length, 3);
    assert.match(wide[1] ?? '', /^123 a-very-long-application-name-indeed a-long… /);
    assert.match(wide[2] ?? '', /^123 api {33}a-long… /);
    assert.equal(renderInstanceTable([row()], false, Infinity).split('\n').length, 2);
  });

  it('sorts the rows by id, then instance', () => {
    const text = renderInstanceTable([row({ id: 10, app: 'c', instance: 1 }), row({ id: 2, app: 'b' }), row({ id: 10, app: 'c', instance: 0 })], false, 80);
    assert.deepEqual(text.split('\n').slice(1).map((line) => line.split(/ +/).slice(1, 5).join(' ')), ['2 b a-long… 12', '10 c a-long… 0', '10 c a-long… 1']);
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
