// svctl export systemd, end to end through the built CLI: the units pass `systemd-analyze verify` with nothing
// on stderr (it checks ExecStart's program on this machine, so the apps' programs exist here).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { promisify } from 'node:util';
import { runCli } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { exampleFiles, richAppFile } from './fixtures.js';

const run = promisify(execFile);

/** systemd-analyze verify of every unit in the folder: exit 0 and an empty stderr, or the assertion says what it said. */
async function verifyUnits(folder: string): Promise<void> {
  const units = fs.readdirSync(folder).filter((name) => /\.(service|socket|target)$/.test(name));
  assert.ok(units.length > 0, `units in ${folder}`);
  const result = await run('systemd-analyze', ['verify', '--man=no', ...units.map((name) => `./${name}`)], { cwd: folder, env: { ...process.env, SYSTEMD_LOG_LEVEL: 'info' } }).catch((error: { code: number; stderr: string }) => ({ stderr: `exit ${error.code}: ${error.stderr}` }));
  assert.equal(result.stderr, '', `systemd-analyze verify ${units.join(' ')}`);
}

function outFolder(t: TestContext): string {
  const folder = fs.mkdtempSync('/tmp/svctl-units-');
  t.after(() => fs.rmSync(folder, { recursive: true, force: true }));
  return folder;
}

describe('svctl export systemd', () => {
  it('exports every example and the pm2 ecosystem file to units that systemd-analyze verify accepts without a word', async (t) => {
    const home = makeHome(t);
    for (const file of exampleFiles()) {
      const out = path.join(outFolder(t), path.basename(file));
      const result = await runCli(['export', 'systemd', file, '--out', out], { home });
      assert.equal(result.code, 0, `${file}: ${result.stderr}`);
      await verifyUnits(out);
    }
  });

  it('checks what it verifies: a unit whose program is missing is refused', async (t) => {
    const folder = outFolder(t);
    fs.writeFileSync(path.join(folder, 'broken.service'), '[Service]\nExecStart=/no/such/program\n');
    await assert.rejects(verifyUnits(folder), /is not executable/);
  });

  it('writes the table\'s keys, a target, a socket unit and a 0600 environment file, and warns about the rest', async (t) => {
    const home = makeHome(t);
    const file = richAppFile(t);
    const out = outFolder(t);
    const result = await runCli(['export', 'systemd', file, '--env', 'production', '--out', out, '--run-as', 'www-data'], { home });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(fs.readdirSync(out).sort(), ['migrate.service', 'shop-api-0.service', 'shop-api-1.service', 'shop-api-2.service', 'shop-api.env', 'shop-api.socket', 'svctl-default.target', 'svctl-jobs.target']);
    await verifyUnits(out);
    const unit = fs.readFileSync(path.join(out, 'shop-api-2.service'), 'utf8');
    for (const line of ['PartOf=svctl-default.target', 'User=www-data', 'Environment=PORT=8080', 'Environment=SVCTL_INSTANCE=2', `EnvironmentFile=${out}/shop-api.env`, 'Sockets=shop-api.socket', 'Restart=always', 'KillMode=mixed', 'TimeoutStopSec=12000ms', `MemoryMax=${300 * 2 ** 20}`]) {
      assert.ok(unit.split('\n').includes(line), `${line} in\n${unit}`);
    }
    assert.doesNotMatch(unit, /hunter2/);
    assert.equal(fs.statSync(path.join(out, 'shop-api.env')).mode & 0o777, 0o600);
    assert.match(fs.readFileSync(path.join(out, 'shop-api.env'), 'utf8'), /^DB_PASSWORD="hunter2"$/m);
    assert.match(fs.readFileSync(path.join(out, 'migrate.service'), 'utf8'), /^After=shop-api-0.service shop-api-1.service shop-api-2.service$/m);
    assert.match(fs.readFileSync(path.join(out, 'svctl-default.target'), 'utf8'), /^Wants=shop-api.socket shop-api-0.service shop-api-1.service shop-api-2.service$/m);
    assert.match(result.stderr, /warning: app "shop-api": keys have no systemd counterpart and are left out:\n {2}watch: .*\n {2}cron_restart: .*\n {2}wait_ready: .*\n {2}listen_timeout: .*\n {2}readiness_probe: .*\n {2}liveness_probe: /);
  });

  it('prints the files and warnings as JSON with --json, and only the apps of --only', async (t) => {
    const home = makeHome(t);
    const result = await runCli(['export', 'systemd', richAppFile(t), '--only', 'shop-api', '--json'], { home });
    assert.equal(result.code, 0, result.stderr);
    const output = JSON.parse(result.stdout) as { target: string; files: Array<{ name: string; content: string }>; warnings: string[] };
    assert.deepEqual(output.files.map((file) => file.name), ['shop-api.env', 'shop-api-0.service', 'shop-api-1.service', 'shop-api-2.service', 'shop-api.socket', 'svctl-default.target']);
    assert.match(output.files[1]?.content ?? '', /^Restart=always$/m);
    assert.match(output.warnings.join('\n'), /^app "shop-api": keys have no systemd counterpart/);
  });

  it('prints every file after a header line without --out', async (t) => {
    const home = makeHome(t);
    const result = await runCli(['export', 'systemd', richAppFile(t)], { home });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(
      result.stdout.split('\n').filter((line) => line.startsWith('# ==> ')),
      ['shop-api.env', 'shop-api-0.service', 'shop-api-1.service', 'shop-api-2.service', 'shop-api.socket', 'migrate.service', 'svctl-default.target', 'svctl-jobs.target'].map((name) => `# ==> ${name} <==`),
    );
  });
});
