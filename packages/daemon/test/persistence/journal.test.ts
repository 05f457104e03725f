import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { pino } from 'pino';
import { JournalWriter, readPreviousJournal } from '../../src/persistence/journal.js';
import { readStat } from '../../src/os/procfs.js';
import type { ExportedApp } from '../../src/supervisor/supervisor.js';
import { specFor } from './fixtures.js';

const logger = pino({ level: 'silent' });

function home(t: TestContext): string {
  const dir = fs.mkdtempSync('/tmp/svctl-journal-');
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Counts the journal's writes by watching its inode change (each atomic write is a rename). */
function inode(file: string): number {
  return fs.statSync(file).ino;
}

describe('crash journal', () => {
  it('records specs, desired states and each live pid with its process group and start time', (t) => {
    const dir = home(t);
    const apps: ExportedApp[] = [{ id: 2, desired: 'running', spec: specFor('web'), instances: [{ instance: 0, pid: process.pid }, { instance: 1, pid: null }] }];
    const writer = new JournalWriter(dir, () => apps, logger);
    writer.enable();
    const previous = readPreviousJournal(dir);
    assert.equal(previous.kind, 'found');
    assert.ok(previous.kind === 'found');
    const self = readStat(process.pid);
    assert.deepEqual(previous.journal.apps[0]?.processes, [{ instance: 0, pid: process.pid, pgid: self?.pgrp, start_time: self?.starttime }]);
    assert.equal(previous.journal.stopping, false);
    assert.equal(fs.statSync(writer.path).mode & 0o777, 0o600);
  });

  it('coalesces a burst of changes into one write, skips unchanged content, and commit writes at once', async (t) => {
    const dir = home(t);
    let apps: ExportedApp[] = [];
    const writer = new JournalWriter(dir, () => apps, logger);
    writer.enable();
    const first = inode(writer.path);
    writer.commit();
    assert.equal(inode(writer.path), first, 'nothing changed: no write');
    for (let index = 0; index < 50; index++) {
      apps = [...apps, { id: index, desired: 'running', spec: specFor(`app${index}`), instances: [] }];
      writer.schedule();
    }
    assert.equal(inode(writer.path), first, 'the burst is not written synchronously');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const afterBurst = inode(writer.path);
    assert.notEqual(afterBurst, first);
    const journal = readPreviousJournal(dir);
    assert.ok(journal.kind === 'found' && journal.journal.apps.length === 50, 'one write holds the whole burst');
    apps = apps.slice(1);
    writer.commit();
    assert.notEqual(inode(writer.path), afterBurst, 'commit writes synchronously');
  });

  it('marks a clean stop, then removes the journal', (t) => {
    const dir = home(t);
    const writer = new JournalWriter(dir, () => [], logger);
    writer.enable();
    writer.markStopping();
    const previous = readPreviousJournal(dir);
    assert.ok(previous.kind === 'found' && previous.journal.stopping);
    writer.remove();
    assert.equal(readPreviousJournal(dir).kind, 'none');
  });

  it('moves a corrupt journal aside instead of trusting it', (t) => {
    const dir = home(t);
    fs.writeFileSync(path.join(dir, 'journal.json'), '{"format":"svctl-jour');
    const previous = readPreviousJournal(dir);
    assert.equal(previous.kind, 'corrupt');
    assert.ok(fs.existsSync(path.join(dir, 'journal.json.corrupt')));
    assert.equal(readPreviousJournal(dir).kind, 'none');
  });
});
