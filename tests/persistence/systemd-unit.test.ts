// Issue 6: the generated units pass `systemd-analyze verify` (exit 0 AND empty stderr: unknown keys
// and bad values only warn), and --install / unstartup write and remove the user unit.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { DAEMON_BIN } from '../helpers/paths.js';

// Not skipped when missing: .ci/run installs systemd, and a silently skipped check proves nothing.
const HAS_SYSTEMD_ANALYZE = spawnSync('systemd-analyze', ['--version']).status === 0;

function tempDir(t: TestContext): string {
  const dir = fs.mkdtempSync('/tmp/svctl-unit-');
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function verify(t: TestContext, file: string, user: boolean): { status: number | null; stderr: string } {
  assert.ok(HAS_SYSTEMD_ANALYZE, 'systemd-analyze is not installed: apt-get install systemd (.ci/run does)');
  const runtime = tempDir(t);
  const result = spawnSync('systemd-analyze', [...(user ? ['--user'] : []), 'verify', '--man=no', file], {
    env: { ...process.env, XDG_RUNTIME_DIR: runtime },
    encoding: 'utf8',
  });
  return { status: result.status, stderr: result.stderr };
}

async function generate(t: TestContext, args: string[]): Promise<string> {
  const home = makeHome(t);
  const result = await runCli(['startup', 'systemd', ...args], { home });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, new RegExp(`^Environment=SVCTL_HOME=${home}$`, 'm'));
  assert.ok(result.stdout.includes(`ExecStart=${process.execPath} --max-semi-space-size=1 --max-opt=1 --expose-gc ${fs.realpathSync(DAEMON_BIN)} --resurrect`), result.stdout);
  for (const line of ['Type=exec', 'Restart=on-failure', 'KillMode=mixed', 'TimeoutStopSec=30s', 'LimitNOFILE=65536']) {
    assert.match(result.stdout, new RegExp(`^${line}$`, 'm'));
  }
  return result.stdout;
}

describe('systemd units', () => {
  it('the system unit passes systemd-analyze verify with exit 0 and empty stderr', async (t) => {
    const unit = await generate(t, []);
    assert.match(unit, new RegExp(`^User=${os.userInfo().username}$`, 'm'));
    assert.match(unit, /^WantedBy=multi-user\.target$/m);
    const file = path.join(tempDir(t), `svctl-${os.userInfo().username}.service`);
    fs.writeFileSync(file, unit);
    assert.deepEqual(verify(t, file, false), { status: 0, stderr: '' });
  });

  it('the user unit passes systemd-analyze --user verify with exit 0 and empty stderr', async (t) => {
    const unit = await generate(t, ['--user']);
    assert.doesNotMatch(unit, /^User=/m);
    assert.match(unit, /^WantedBy=default\.target$/m);
    const file = path.join(tempDir(t), 'svctl.service');
    fs.writeFileSync(file, unit);
    assert.deepEqual(verify(t, file, true), { status: 0, stderr: '' });
  });

  it('startup --user --install writes the user unit and prints the systemctl commands; unstartup removes it', async (t) => {
    const home = makeHome(t);
    const fakeHome = tempDir(t);
    const env = { HOME: fakeHome, XDG_CONFIG_HOME: undefined };
    const installed = await runCli(['startup', '--user', '--install'], { home, env });
    assert.equal(installed.code, 0, installed.stderr);
    const unitFile = path.join(fakeHome, '.config/systemd/user/svctl.service');
    assert.match(installed.stdout, new RegExp(`wrote ${unitFile}`));
    assert.match(installed.stdout, /systemctl --user daemon-reload/);
    assert.match(installed.stdout, /systemctl --user enable --now svctl\.service/);
    assert.match(installed.stdout, /loginctl enable-linger/);
    assert.deepEqual(verify(t, unitFile, true), { status: 0, stderr: '' });
    // What `systemctl --user enable` would add; unstartup removes it with the unit.
    const wants = path.join(fakeHome, '.config/systemd/user/default.target.wants');
    fs.mkdirSync(wants);
    fs.symlinkSync(unitFile, path.join(wants, 'svctl.service'));
    const removed = await runCli(['unstartup', '--user'], { home, env });
    assert.equal(removed.code, 0, removed.stderr);
    assert.ok(!fs.existsSync(unitFile));
    assert.ok(!fs.existsSync(path.join(wants, 'svctl.service')));
    assert.match(removed.stdout, /systemctl --user daemon-reload/);
    const again = await runCli(['unstartup', '--user'], { home, env });
    assert.match(again.stdout, /nothing to remove/);
  });

  it('a system unit that cannot be written fails with UNIT_INSTALL_FAILED and a hint', async (t) => {
    const home = makeHome(t);
    const blocker = path.join(tempDir(t), 'not-a-dir');
    fs.writeFileSync(blocker, '');
    const result = await runCli(['startup', '--install', '--unit-dir', path.join(blocker, 'units'), '--verbose'], { home });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /cannot write .*not-a-dir\/units\/svctl-.*\.service/);
    assert.match(result.stderr, /UNIT_INSTALL_FAILED/);
  });
});
