import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it, type TestContext } from 'node:test';
import { pino } from 'pino';
import { JOURNAL_ENDED_DELAY_MS, JournalWriter } from '../../src/persistence/journal.js';
import { readPreviousJournal } from '../../src/persistence/previous-journal.js';
import { readStat } from '../../src/os/procfs.js';
import type { ExportedApp } from '../../src/supervisor/supervisor.js';
import { specFor } from './fixtures.js';

const logger = pino({ level: 'silent' });

function home(t: TestContext): string {
  const dir = fs.mkdtempSync('/tmp/svctl-journal-');
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const held: number[] = [];
after(() => {
  for (const fd of held.splice(0)) fs.closeSync(fd);
});

/**
 * Counts the journal's writes by watching its inode change (each atomic write is a rename). The file is kept
 * open until the tests end, so its inode number cannot be freed and reused by a later write.
 */
function inode(file: string): number {
  const fd = fs.openSync(file, 'r');
  held.push(fd);
  return fs.fstatSync(fd).ino;
}

/** Polls (deadline 10 s) until the file at `file` is another inode than `before`: a write happened. */
async function waitForChange(file: string, before: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (fs.statSync(file).ino === before) {
    if (Date.now() > deadline) assert.fail(`${file} was not rewritten within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * A journal written with one live process, whose process then ended (a crash loop's exit): checks that this
 * change is not written within the coalescing interval. Timers fire in order of expiry, so the check runs
 * before a held write's (`endedDelayMs` later), however loaded the machine.
 */
async function exitedRun(t: TestContext, endedDelayMs: number) {
  const dir = home(t);
  let pid: number | null = process.pid;
  const apps: ExportedApp[] = [];
  const writer = new JournalWriter(dir, () => [{ id: 0, desired: 'running', spec: specFor('looping'), instances: [{ instance: 0, pid }] }, ...apps], logger, endedDelayMs);
  writer.enable();
  const withProcess = inode(writer.path);
  pid = null;
  writer.schedule();
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(inode(writer.path), withProcess, 'the exit alone is not written within the coalescing interval');
  const addApp = () => apps.push({ id: 1, desired: 'running', spec: specFor('other'), instances: [] });
  return { dir, writer, withProcess, addApp };
}

describe('crash journal', () => {
  it('records specs, desired states and each live pid with its process group and start time', (t) => {
    const dir = home(t);
    const apps: ExportedApp[] = [{ id: 2, desired: 'running', spec: specFor('web'), instances: [{ instance: 0, pid: process.pid }, { instance: 1, pid: null }] }];
    const writer = new JournalWriter(dir, () => apps, logger);
    writer.enable();
    const previous = readPreviousJournal(dir);
    const self = readStat(process.pid);
    assert.deepEqual(
      previous.apps.map(({ id, desired, spec }) => ({ id, desired, spec })),
      [{ id: 2, desired: 'running', spec: specFor('web') }],
    );
    assert.deepEqual(previous.leftovers[0]?.processes, [{ instance: 0, pid: process.pid, pgid: self?.pgrp, start_time: self?.starttime }]);
    assert.equal(previous.header?.stopping, false);
    assert.equal(fs.statSync(writer.path).mode & 0o777, 0o600);
    assert.equal(fs.statSync(writer.specsPath).mode & 0o777, 0o600);
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
    assert.equal(journal.apps.length, 50, 'one write holds the whole burst');
    apps = apps.slice(1);
    writer.commit();
    assert.notEqual(inode(writer.path), afterBurst, 'commit writes synchronously');
  });

  it('holds back a change that only drops ended processes, until the next change or JOURNAL_ENDED_DELAY_MS', async (t) => {
    const { dir, writer, withProcess, addApp } = await exitedRun(t, 60_000);
    assert.equal(readPreviousJournal(dir).leftovers[0]?.processes.length, 1);
    // The next change (here a new app; in a crash loop, the next run's pid) writes both.
    addApp();
    writer.schedule();
    await waitForChange(writer.path, withProcess);
    assert.deepEqual(readPreviousJournal(dir).leftovers.map((app) => app.processes.length), [0, 0]);
  });

  it('writes a held-back exit after its delay', async (t) => {
    const { dir, writer, withProcess } = await exitedRun(t, 3000);
    await waitForChange(writer.path, withProcess);
    assert.equal(readPreviousJournal(dir).leftovers[0]?.processes.length, 0);
  });

  it('marks a clean stop, then removes the journal', (t) => {
    const dir = home(t);
    const writer = new JournalWriter(dir, () => [], logger);
    writer.enable();
    writer.markStopping();
    const previous = readPreviousJournal(dir);
    assert.equal(previous.header?.stopping, true);
    writer.remove();
    assert.equal(readPreviousJournal(dir).header, null);
    assert.equal(fs.existsSync(writer.specsPath), false);
  });

  for (const [kind, plant] of [
    ['garbage bytes', (file: string) => fs.writeFileSync(file, Buffer.from([0x7b, 0xff, 0x00, 0x22, 0xfe]))],
    ['a truncated write', (file: string) => fs.writeFileSync(file, '{"format":"svctl-jour')],
    ['a directory', (file: string) => fs.mkdirSync(file)],
    ['a journal of another version', (file: string) => fs.writeFileSync(file, JSON.stringify({ format: 'svctl-journal', version: 1, apps: [] }))],
  ] as const) {
    it(`sets aside a journal that is ${kind}, naming its path, instead of failing`, (t) => {
      const dir = home(t);
      const file = path.join(dir, 'journal.json');
      plant(file);
      const previous = readPreviousJournal(dir, new Date('2026-01-02T03:04:05.678Z'));
      assert.equal(previous.header, null);
      assert.equal(previous.setAside.length, 1);
      const [aside] = previous.setAside;
      assert.equal(aside?.path, file);
      assert.equal(aside?.moved_to, `${file}.corrupt-2026-01-02T03-04-05-678Z`);
      assert.ok(fs.existsSync(`${file}.corrupt-2026-01-02T03-04-05-678Z`));
      assert.equal(fs.existsSync(file), false);
      assert.equal(readPreviousJournal(dir).setAside.length, 0, 'set aside once');
    });
  }

  it('skips an entry whose spec is invalid or missing, keeps the others, and still knows its leftovers', (t) => {
    const dir = home(t);
    const apps: ExportedApp[] = [
      { id: 0, desired: 'running', spec: specFor('good'), instances: [] },
      { id: 1, desired: 'running', spec: specFor('bad'), instances: [{ instance: 0, pid: process.pid }] },
      { id: 2, desired: 'stopped', spec: specFor('gone'), instances: [] },
    ];
    new JournalWriter(dir, () => apps, logger).enable();
    const specsFile = path.join(dir, 'journal-specs.json');
    const stored = JSON.parse(fs.readFileSync(specsFile, 'utf8')) as { specs: Record<string, { name: string; instances: unknown }> };
    for (const [hash, spec] of Object.entries(stored.specs)) {
      if (spec.name === 'bad') spec.instances = 'many';
      if (spec.name === 'gone') delete stored.specs[hash];
    }
    fs.writeFileSync(specsFile, JSON.stringify(stored));
    const previous = readPreviousJournal(dir);
    assert.deepEqual(
      previous.apps.map((app) => app.spec.name),
      ['good'],
    );
    assert.deepEqual(
      previous.rejected.map(({ reason }) => reason.split(':')[0]),
      ['invalid spec', `spec ${(previous.rejected[1]?.entry as { spec_hash: string }).spec_hash} is missing from the specs file`],
    );
    assert.equal(previous.leftovers.find((app) => app.name === 'bad')?.processes.length, 1, 'its processes are still stopped');
  });

  it('rewrites only the small state file on a transition, not a big spec', (t) => {
    const dir = home(t);
    const env = { BIG: 'x'.repeat(1024 * 1024) };
    let spec = specFor('looping', env);
    let pid: number | null = null;
    const apps = (): ExportedApp[] => [{ id: 0, desired: 'running', spec, instances: [{ instance: 0, pid }] }];
    const writer = new JournalWriter(dir, apps, logger);
    writer.enable();
    const specsInode = inode(writer.specsPath);
    const specsMtime = fs.statSync(writer.specsPath).mtimeMs;
    let stateInode = inode(writer.path);
    for (let round = 0; round < 5; round++) {
      pid = pid === null ? process.pid : null;
      writer.commit();
      assert.notEqual(inode(writer.path), stateInode, 'the state is rewritten');
      stateInode = inode(writer.path);
      assert.ok(fs.statSync(writer.path).size < 4096, 'the state holds no spec');
    }
    assert.equal(inode(writer.specsPath), specsInode, 'the spec file is not rewritten');
    assert.equal(fs.statSync(writer.specsPath).mtimeMs, specsMtime);
    assert.ok(fs.statSync(writer.specsPath).size > 1024 * 1024);
    // A changed spec is written; the set of specs unchanged, it never is.
    spec = specFor('looping', { SMALL: '1' });
    writer.commit();
    assert.notEqual(inode(writer.specsPath), specsInode);
    assert.deepEqual(readPreviousJournal(dir).apps[0]?.spec, spec);
  });

  it('reads a journal keyed by SHA-256 (the format before 2026-12), and the restored apps keep those keys', (t) => {
    const dir = home(t);
    const web = specFor('web');
    const api = specFor('api', { PORT: '8080' });
    const sha = (spec: unknown) => crypto.createHash('sha256').update(JSON.stringify(spec)).digest('hex').slice(0, 32);
    const entry = (id: number, name: string, spec: unknown) => ({ id, name, desired: 'running', spec_hash: sha(spec), processes: [] });
    fs.writeFileSync(
      path.join(dir, 'journal.json'),
      JSON.stringify({ format: 'svctl-journal', version: 2, written_at: '2026-12-01T10:00:00.000Z', daemon_pid: 1234, stopping: false, apps: [entry(0, 'web', web), entry(3, 'api', api)] }),
    );
    fs.writeFileSync(path.join(dir, 'journal-specs.json'), JSON.stringify({ format: 'svctl-journal-specs', version: 1, specs: { [sha(web)]: web, [sha(api)]: api } }));
    const previous = readPreviousJournal(dir);
    assert.deepEqual(previous.rejected, []);
    assert.deepEqual(
      previous.apps.map(({ id, spec, key }) => ({ id, spec, key })),
      [
        { id: 0, spec: web, key: sha(web) },
        { id: 3, spec: api, key: sha(api) },
      ],
    );
    // The next daemon runs them from equal copies of their specs (not the same objects), and one app more.
    const apps: ExportedApp[] = [
      ...previous.apps.map(({ id, spec }) => ({ id, desired: 'running' as const, spec: structuredClone(spec), instances: [] })),
      { id: 4, desired: 'running', spec: specFor('new'), instances: [] },
    ];
    new JournalWriter(dir, () => apps, logger, JOURNAL_ENDED_DELAY_MS, previous.apps).enable();
    const state = JSON.parse(fs.readFileSync(path.join(dir, 'journal.json'), 'utf8')) as { apps: Array<{ spec_hash: string }> };
    assert.deepEqual(state.apps.slice(0, 2).map((app) => app.spec_hash), [sha(web), sha(api)], 'the restored apps keep their keys');
    assert.ok(![sha(web), sha(api)].includes(state.apps[2]?.spec_hash ?? ''), 'a new spec gets a new key');
    const specs = (JSON.parse(fs.readFileSync(path.join(dir, 'journal-specs.json'), 'utf8')) as { specs: Record<string, unknown> }).specs;
    assert.deepEqual(Object.keys(specs).sort(), state.apps.map((app) => app.spec_hash).sort(), 'one spec per app, nothing else');
    assert.deepEqual(readPreviousJournal(dir).apps.map((app) => app.spec), [web, api, specFor('new')]);
  });

  it('keeps a key for an equal spec (the file applied again unchanged), gives a changed spec a new one and drops the old', (t) => {
    const dir = home(t);
    let spec = specFor('api', { PORT: '8080' });
    const writer = new JournalWriter(dir, () => [{ id: 0, desired: 'running', spec, instances: [] }], logger);
    writer.enable();
    const keyOf = () => (JSON.parse(fs.readFileSync(writer.path, 'utf8')) as { apps: Array<{ spec_hash: string }> }).apps[0]?.spec_hash;
    const first = keyOf();
    const specsInode = inode(writer.specsPath);
    spec = specFor('api', { PORT: '8080' });
    writer.markStopping();
    assert.equal(keyOf(), first, 'an equal spec keeps its key');
    assert.equal(inode(writer.specsPath), specsInode, 'the specs file is not rewritten');
    spec = specFor('api', { PORT: '9090' });
    writer.commit();
    const second = keyOf();
    assert.notEqual(second, first, 'a changed spec has another key');
    const specs = (JSON.parse(fs.readFileSync(writer.specsPath, 'utf8')) as { specs: Record<string, unknown> }).specs;
    assert.deepEqual(specs, { [second ?? '']: spec }, 'the old spec is dropped');
  });
});
