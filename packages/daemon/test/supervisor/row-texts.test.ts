import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { InstanceRow } from '@svctl/protocol';
import { RowTexts } from '../../src/supervisor/row-texts.js';

const online: InstanceRow = {
  id: 3,
  app: 'api',
  namespace: 'default',
  instance: 0,
  pid: 4242,
  status: 'online',
  restarts: 1,
  unstable_restarts: 0,
  uptime_ms: 1500,
  started_at: '2026-12-03T12:00:00.000Z',
  exit_code: null,
  signal: null,
  reason: 'user_start',
  detail: 'spawned',
  health: null,
  log_state: { status: 'ok', dropped_lines: 0 },
  cpu: 1.5,
  memory: 30_000_000,
};

/** A value of the same JSON type as `value` that differs from it. */
function changed(value: unknown): unknown {
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'string') return `${value}-x`;
  if (value === null) return 0;
  return { ...(value as object), dropped_lines: 1 };
}

it('a row keeps its text while only its uptime moves, and the text is always the row as JSON', () => {
  const texts = new RowTexts<object>();
  const unit = {};
  assert.equal(texts.text(unit, online), JSON.stringify(online));
  for (const uptime of [1501, 2_000_000, 0]) {
    const row = { ...online, uptime_ms: uptime };
    assert.equal(texts.text(unit, row), JSON.stringify(row));
  }
});

it('any other change of a row, a nested one included, is in its very next text', () => {
  const texts = new RowTexts<object>();
  const unit = {};
  texts.text(unit, online);
  for (const key of Object.keys(online).filter((name) => name !== 'uptime_ms')) {
    const row = { ...online, [key]: changed(online[key as keyof InstanceRow]) };
    assert.equal(texts.text(unit, row), JSON.stringify(row), key);
    assert.equal(texts.text(unit, online), JSON.stringify(online), `${key} back`);
  }
  const withoutHealth: InstanceRow = { ...online };
  delete withoutHealth.health;
  assert.equal(texts.text(unit, withoutHealth), JSON.stringify(withoutHealth), 'a member that goes away');
  const erroring = { ...online, log_state: { status: 'dropping' as const, error: 'ENOSPC', dropped_lines: 0 } };
  assert.equal(texts.text(unit, erroring), JSON.stringify(erroring), 'a nested member that appears');
});

it('text that looks like the uptime member inside a string value does not move the splice', () => {
  const texts = new RowTexts<object>();
  const unit = {};
  const row = { ...online, app: 'a,"uptime_ms":7,', detail: ',"uptime_ms":9' };
  texts.text(unit, row);
  const later = { ...row, uptime_ms: 99_999 };
  assert.equal(texts.text(unit, later), JSON.stringify(later));
});

it('each instance has its own text', () => {
  const texts = new RowTexts<object>();
  const first = {};
  const second = {};
  const other = { ...online, instance: 1, pid: 4243 };
  texts.text(first, online);
  assert.equal(texts.text(second, other), JSON.stringify(other));
  assert.equal(texts.text(first, online), JSON.stringify(online));
});
