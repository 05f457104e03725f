import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { APP_KEY_ALIASES, AppFileEntrySchema, AppSpecSchema } from '@svctl/protocol';
import { KUBERNETES_KEYS } from '../../src/export/kubernetes/key-table.js';
import { ignoredKeysOf, type KeyRow, type KeyTable } from '../../src/export/shared/key-table.js';
import { SYSTEMD_KEYS } from '../../src/export/systemd/key-table.js';
import { appSpec } from './app-spec.js';

const DOC = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../../docs/export.md');
const TABLES: Array<[string, KeyTable]> = [
  ['Kubernetes', KUBERNETES_KEYS],
  ['systemd', SYSTEMD_KEYS],
];

// How docs/export.md shows a row.
function docRow(key: string, row: KeyRow): string {
  const text = row.kind === 'mapped' ? row.to : row.kind === 'ignored' ? `**left out**: ${row.why}` : `(derived) ${row.why}`;
  return `| \`${key}\` | ${text.replace(/\|/g, '\\|')} |`;
}

function docTable(target: string): string[] {
  const text = fs.readFileSync(DOC, 'utf8');
  const start = text.indexOf(`| app key | ${target} |`);
  assert.notEqual(start, -1, `docs/export.md has a table for ${target}`);
  return text.slice(start).split('\n').slice(2).filter((line, index, lines) => lines.slice(0, index + 1).every((previous) => previous.startsWith('| `')));
}

describe('export key tables', () => {
  for (const [target, table] of TABLES) {
    it(`classify every key of a resolved app, and only those, for ${target}`, () => {
      assert.deepEqual(Object.keys(table).sort(), Object.keys(AppSpecSchema.properties).sort());
    });

    it(`are shown as they are in docs/export.md (${target})`, () => {
      assert.deepEqual(docTable(target), Object.entries(table).map(([key, row]) => docRow(key, row)));
    });
  }

  it('cover every key users write: each canonical app-file key is a key of the resolved app', () => {
    const aliases = new Set(Object.keys(APP_KEY_ALIASES));
    const written = Object.keys(AppFileEntrySchema.properties).filter((key) => !aliases.has(key));
    assert.deepEqual(written.filter((key) => !Object.hasOwn(AppSpecSchema.properties, key)), []);
  });

  it('warn about nothing for an app with every default', () => {
    for (const [, table] of TABLES) assert.deepEqual(ignoredKeysOf(appSpec(), table), []);
  });

  it('list an ignored key as soon as an app sets it to something other than its default', () => {
    assert.deepEqual(ignoredKeysOf(appSpec({ max_restarts: 15, watch: ['src'], ignore_watch: [] }), KUBERNETES_KEYS).map(({ key }) => key), ['max_restarts', 'watch']);
    assert.deepEqual(ignoredKeysOf(appSpec({ exec_mode: 'cluster', pid_file: '/run/a.pid' }), SYSTEMD_KEYS).map(({ key }) => key), ['exec_mode', 'pid_file']);
  });
});
