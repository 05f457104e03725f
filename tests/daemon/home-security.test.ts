// As root (tests and CI run as root), a home another user controls must not become a way in.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { writeAppFile } from '../helpers/apps.js';
import { runCli } from '../helpers/cli.js';
import { startDaemon } from '../helpers/daemon.js';
import { makeHome } from '../helpers/home.js';
import { DAEMON_BIN, FIXTURES } from '../helpers/paths.js';

const NOBODY = 65534;

/** Runs svctld in `home` expecting it to refuse to start; returns its stderr. */
function refusedStart(home: string): string {
  const result = spawnSync(process.execPath, [DAEMON_BIN], { env: { ...process.env, SVCTL_HOME: home }, encoding: 'utf8', timeout: 30_000 });
  assert.notEqual(result.status, 0, `svctld started in ${home}: ${result.stdout}`);
  return result.stderr;
}

function victimFile(t: TestContext): string {
  const dir = fs.mkdtempSync('/tmp/svctl-victim-');
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'root-owned');
  fs.writeFileSync(file, 'untouched\n', { mode: 0o600 });
  return file;
}

describe('home security (as root)', () => {
  it('refuses a home owned by another uid, saying how to fix it', (t) => {
    const home = makeHome(t);
    fs.chownSync(home, NOBODY, NOBODY);
    const stderr = refusedStart(home);
    assert.match(stderr, new RegExp(`refusing ${home}: it belongs to uid ${NOBODY}`));
    assert.match(stderr, /hint: .*chown 0 /);
    assert.equal(fs.existsSync(path.join(home, 'daemon.sock')), false);
  });

  it('does not follow a symlinked daemon.log (nor append to its target)', (t) => {
    const home = makeHome(t);
    const victim = victimFile(t);
    fs.symlinkSync(victim, path.join(home, 'daemon.log'));
    const stderr = refusedStart(home);
    assert.match(stderr, /daemon\.log: it is a symlink/);
    assert.equal(fs.readFileSync(victim, 'utf8'), 'untouched\n');
  });

  it('refuses a file in the home that others can write to', (t) => {
    const home = makeHome(t);
    fs.writeFileSync(path.join(home, 'journal.json'), '{}', { mode: 0o666 });
    fs.chmodSync(path.join(home, 'journal.json'), 0o666);
    assert.match(refusedStart(home), /journal\.json: it is writable by its group/);
  });

  it('the CLI refuses a socket owned by another uid before sending anything', async (t) => {
    const daemon = await startDaemon(t);
    const socket = path.join(daemon.home, 'daemon.sock');
    fs.lchownSync(socket, NOBODY, NOBODY);
    const result = await runCli(['ping', '--no-autostart'], { home: daemon.home, env: { SECRET_TOKEN: 'do-not-send' } });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, new RegExp(`refusing ${socket}: it belongs to uid ${NOBODY}`));
    fs.lchownSync(socket, 0, 0);
    assert.equal((await runCli(['ping', '--no-autostart'], { home: daemon.home })).code, 0);
  });

  it('a pre-created temporary file cannot change the dump\'s owner or mode', async (t) => {
    const daemon = await startDaemon(t);
    const file = writeAppFile(t, { name: 'api', script: path.join(FIXTURES, 'forever.js') });
    assert.equal((await runCli(['start', file], { home: daemon.home })).code, 0);
    const dump = path.join(daemon.home, 'dump.json');
    const planted = `${dump}.${daemon.pid}.tmp`;
    fs.writeFileSync(planted, '', { mode: 0o666 });
    fs.chmodSync(planted, 0o666);
    fs.chownSync(planted, NOBODY, NOBODY);
    const saved = await runCli(['save'], { home: daemon.home });
    assert.equal(saved.code, 0, saved.stderr);
    const stat = fs.statSync(dump);
    assert.equal(stat.uid, 0);
    assert.equal(stat.mode & 0o777, 0o600);

    // A symlink planted under the temporary name is replaced, not written through.
    const victim = victimFile(t);
    fs.symlinkSync(victim, planted);
    assert.equal((await runCli(['save', '--force'], { home: daemon.home })).code, 0);
    assert.equal(fs.readFileSync(victim, 'utf8'), 'untouched\n');
    assert.equal(fs.lstatSync(dump).isFile(), true);
    assert.equal(fs.statSync(dump).mode & 0o777, 0o600);
  });
});
