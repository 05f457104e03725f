// scripts/install.sh installs the packed packages (as a GitHub release attaches them) into a temporary npm
// prefix, without the network, and the installed svctl runs an example app; with --unit-dir it writes a system
// unit for the installed svctld that systemd-analyze accepts (enabling it is left to systemctl, not tested here).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isOnline, waitForInstances } from '../helpers/apps.js';
import { makeHome } from '../helpers/home.js';
import { EXAMPLES, REPO_ROOT } from '../helpers/paths.js';
import { runCombined, type CombinedRun } from '../helpers/run-combined.js';

const INSTALL_SH = path.join(REPO_ROOT, 'scripts/install.sh');

function runInstall(args: string[], env: Record<string, string>): Promise<CombinedRun> {
  return runCombined('bash', [INSTALL_SH, ...args], { env });
}

describe('scripts/install.sh', () => {
  let work = '';
  let tarballs = '';
  let prefix = '';
  // npm takes the packages' dependencies (tsx, ajv...) from its cache only: `npm ci` put them there.
  const offline = { npm_config_offline: 'true' };

  before(() => {
    work = fs.mkdtempSync('/tmp/svctl-install-');
    tarballs = path.join(work, 'release');
    prefix = path.join(work, 'prefix');
    fs.mkdirSync(tarballs);
    for (const name of ['protocol', 'daemon', 'cli']) {
      execFileSync('npm', ['pack', '--silent', '--pack-destination', tarballs], { cwd: path.join(REPO_ROOT, 'packages', name), encoding: 'utf8' });
    }
  });
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it('--tarballs --prefix --no-startup: the installed svctl starts the example worker, under the installed svctld', async (t) => {
    const home = makeHome(t);
    const run = await runInstall(['--tarballs', tarballs, '--prefix', prefix, '--no-startup'], { ...offline, SVCTL_HOME: home });
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, /installed svctl 0\.1\.0 in /);
    assert.match(run.output, /--no-startup: no service installed/);
    const svctl = path.join(prefix, 'bin', 'svctl');
    assert.ok(fs.existsSync(path.join(prefix, 'bin', 'svctld')), 'svctld is on the prefix PATH too');
    const start = spawnSync(svctl, ['start', path.join(EXAMPLES, 'worker.json')], { env: { ...process.env, SVCTL_HOME: home }, encoding: 'utf8' });
    assert.equal(start.status, 0, `${start.stdout}\n${start.stderr}`);
    const [row] = await waitForInstances({ home }, 'worker', isOnline, 1);
    assert.ok(row !== undefined);
    const daemonPid = Number(fs.readFileSync(path.join(home, 'daemon.pid'), 'utf8'));
    assert.ok(fs.readFileSync(`/proc/${daemonPid}/cmdline`, 'utf8').includes(path.join(prefix, 'lib/node_modules/@svctl/daemon/bin/svctld.mjs')), 'the daemon is the installed one');
  });

  it('--unit-dir writes a system unit for the installed svctld that systemd-analyze verify accepts', async (t) => {
    const home = makeHome(t);
    const units = path.join(work, 'units');
    const run = await runInstall(['--tarballs', tarballs, '--prefix', prefix, '--unit-dir', units], { ...offline, SVCTL_HOME: home });
    assert.equal(run.code, 0, run.output);
    const unitFile = path.join(units, `svctl-${os.userInfo().username}.service`);
    assert.match(run.output, new RegExp(`wrote ${unitFile}`));
    assert.match(run.output, /enable it with: systemctl daemon-reload && systemctl enable --now svctl-/);
    const unit = fs.readFileSync(unitFile, 'utf8');
    assert.match(unit, new RegExp(`^ExecStart=\\S+ --max-semi-space-size=1 --max-opt=1 --expose-gc ${path.join(prefix, 'lib/node_modules/@svctl/daemon/bin/svctld.mjs')} --resurrect$`, 'm'));
    assert.match(unit, new RegExp(`^Environment=SVCTL_HOME=${home}$`, 'm'));
    const verify = spawnSync('systemd-analyze', ['verify', '--man=no', unitFile], { env: { ...process.env, XDG_RUNTIME_DIR: work }, encoding: 'utf8' });
    assert.deepEqual({ status: verify.status, stderr: verify.stderr }, { status: 0, stderr: '' });
  });

  it('a CLI installed with the daemon nested under it (npm install -g @svctl/cli) finds that daemon', async (t) => {
    const home = makeHome(t);
    const installed = path.join(prefix, 'lib/node_modules/@svctl');
    assert.ok(fs.existsSync(installed), 'the first test installed the packages');
    const nested = path.join(work, 'nested/@svctl/cli');
    fs.cpSync(path.join(installed, 'cli'), nested, { recursive: true });
    fs.cpSync(path.join(installed, 'daemon'), path.join(nested, 'node_modules/@svctl/daemon'), { recursive: true });
    const unit = spawnSync(process.execPath, [path.join(nested, 'bin/svctl.cjs'), 'startup', 'systemd'], { env: { ...process.env, SVCTL_HOME: home }, encoding: 'utf8' });
    assert.equal(unit.status, 0, unit.stderr);
    assert.ok(unit.stdout.includes(` ${path.join(nested, 'node_modules/@svctl/daemon/bin/svctld.mjs')} --resurrect`), unit.stdout);
  });
});
