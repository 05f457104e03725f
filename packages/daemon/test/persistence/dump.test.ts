import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { SvctlError } from '@svctl/protocol';
import { checkDump, readDump, saveDump } from '../../src/persistence/dump.js';
import { specFor } from './fixtures.js';

function home(t: TestContext): string {
  const dir = fs.mkdtempSync('/tmp/svctl-dump-');
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const apps = [
  { id: 0, desired: 'running' as const, spec: specFor('web', { TOKEN: 'x' }) },
  { id: 3, desired: 'stopped' as const, spec: specFor('worker') },
];

function code(error: unknown): string {
  assert.ok(error instanceof SvctlError);
  return error.code;
}

describe('dump', () => {
  it('round-trips ids, desired states and specs, mode 0600, previous dump kept as .bak', (t) => {
    const dir = home(t);
    const first = saveDump(dir, apps, false);
    assert.equal(first.backup, null);
    assert.deepEqual([first.running, first.stopped], [['web'], ['worker']]);
    assert.equal(fs.statSync(first.path).mode & 0o777, 0o600);
    const previous = fs.readFileSync(first.path, 'utf8');
    const second = saveDump(dir, apps.slice(0, 1), false);
    assert.equal(second.backup, path.join(dir, 'dump.json.bak'));
    assert.equal(fs.readFileSync(second.backup, 'utf8'), previous);
    assert.deepEqual(readDump(dir, true).dump.apps, apps);
    assert.deepEqual(readDump(dir, false).dump.apps, apps.slice(0, 1));
  });

  it('refuses to save an empty list unless forced, and leaves the dump alone', (t) => {
    const dir = home(t);
    saveDump(dir, apps, false);
    const before = fs.readFileSync(path.join(dir, 'dump.json'), 'utf8');
    assert.throws(() => saveDump(dir, [], false), (error) => code(error) === 'NOTHING_TO_SAVE');
    assert.equal(fs.readFileSync(path.join(dir, 'dump.json'), 'utf8'), before);
    assert.deepEqual(saveDump(dir, [], true).running, []);
    assert.deepEqual(readDump(dir, false).dump.apps, []);
  });

  it('reports a truncated dump with its path and offers a valid backup, touching nothing', (t) => {
    const dir = home(t);
    saveDump(dir, apps, false);
    saveDump(dir, apps, false);
    const file = path.join(dir, 'dump.json');
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text.slice(0, text.length / 2));
    assert.throws(
      () => readDump(dir, false),
      (error) => code(error) === 'DUMP_INVALID' && (error as SvctlError).message.includes(file) && /--from-backup/.test((error as SvctlError).hint ?? ''),
    );
    assert.equal(fs.readFileSync(file, 'utf8'), text.slice(0, text.length / 2));
    assert.deepEqual(readDump(dir, true).dump.apps, apps);
  });

  it('rejects valid JSON that is not a dump, and a missing dump', (t) => {
    const dir = home(t);
    assert.throws(() => readDump(dir, false), (error) => code(error) === 'DUMP_NOT_FOUND');
    assert.match(checkDump('{"format":"svctl-dump","version":1,"apps":[{}]}') ?? '', /not a svctl dump/);
    assert.match(checkDump('[') ?? '', /not valid JSON/);
  });

  it('names a dump that is a directory, for resurrect and for save, and changes nothing (no bare EISDIR)', (t) => {
    const dir = home(t);
    const file = path.join(dir, 'dump.json');
    fs.mkdirSync(file);
    const named = (error: unknown) => code(error) === 'DUMP_INVALID' && (error as SvctlError).message === `cannot read the dump ${file} (EISDIR: it is a directory, not a file); nothing was changed`;
    assert.throws(() => readDump(dir, false), named);
    assert.throws(() => saveDump(dir, apps, false), named);
    assert.ok(fs.statSync(file).isDirectory());
    assert.equal(fs.existsSync(path.join(dir, 'dump.json.bak')), false);
  });
});
