// The deploy script itself, run by a real bash on this machine (as `ssh HOST bash -s` would run it), against a
// real git repository: quoting, pruning to keep_releases, and a revert whose post-deploy fails.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { it, type TestContext } from 'node:test';
import type { DeploySpec } from '@svctl/protocol';
import type { DeployAction } from '../../src/deploy/deploy-action.js';
import { releaseStamp, remoteScript } from '../../src/deploy/remote-script.js';

function project(t: TestContext) {
  const dir = fs.mkdtempSync('/tmp/svctl-script-');
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const work = path.join(dir, 'work');
  fs.mkdirSync(work);
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: work, encoding: 'utf8' }).trim();
  git('init', '--quiet', '--initial-branch=main');
  fs.writeFileSync(path.join(work, 'version'), '1');
  git('add', '-A');
  git('commit', '--quiet', '-m', 'one');
  return { dir, work, git };
}

function run(spec: DeploySpec, action: DeployAction, stamp = releaseStamp(new Date())) {
  const result = spawnSync('bash', ['-s'], { input: remoteScript(spec, action, stamp), encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function specFor(dir: string, work: string, extra: Partial<DeploySpec> = {}): DeploySpec {
  return { name: 'staging', hosts: ['local'], ssh_options: [], forward_agent: false, repo: work, ref: 'origin/main', path: path.join(dir, 'app'), keep_releases: 5, hooks: {}, env: {}, ...extra };
}

it('values from the file stay values: a ref, a path or a variable never runs as code', (t) => {
  const { dir, work } = project(t);
  const marker = path.join(dir, 'pwned');
  const spec = specFor(dir, work, {
    path: path.join(dir, `app '$(touch ${marker})' \`touch ${marker}\``),
    env: { GREETING: `it's "$(touch ${marker})"; touch ${marker}` },
    hooks: { 'post-deploy': 'printf %s "$GREETING" > "$SHARED/greeting"' },
  });
  assert.equal(run(spec, { kind: 'setup' }).code, 0);
  assert.equal(run({ ...spec, ref: `main$(touch ${marker})` }, { kind: 'update' }).code, 1);
  const deployed = run(spec, { kind: 'update' });
  assert.equal(deployed.code, 0, deployed.stderr);
  assert.equal(fs.readFileSync(path.join(spec.path, 'shared/greeting'), 'utf8'), spec.env.GREETING);
  assert.equal(fs.existsSync(marker), false);
});

it('keeps the newest keep_releases releases, and drops failed ones after the next good deploy', (t) => {
  const { dir, work } = project(t);
  const spec = specFor(dir, work, { keep_releases: 2, ref: 'main' });
  assert.equal(run(spec, { kind: 'setup' }).code, 0);
  const stamps = ['20260101T000000.000Z', '20260102T000000.000Z', '20260103T000000.000Z', '20260104T000000.000Z'];
  for (const stamp of stamps.slice(0, 3)) assert.equal(run(spec, { kind: 'update' }, stamp).code, 0);
  const failing = run({ ...spec, hooks: { 'post-deploy': 'exit 7' } }, { kind: 'update' }, stamps[3]);
  assert.equal(failing.code, 1);
  assert.match(failing.stderr, /post-deploy failed \(exit 7\): current still points to .*20260103T000000\.000Z-/);
  const releases = () => fs.readdirSync(path.join(spec.path, 'releases')).map((name) => name.slice(0, 20) + (name.endsWith('.failed') ? '.failed' : '')).sort();
  assert.deepEqual(releases(), ['20260102T000000.000Z', '20260103T000000.000Z', '20260104T000000.000Z.failed']);
  assert.equal(run(spec, { kind: 'update' }, '20260105T000000.000Z').code, 0);
  assert.deepEqual(releases(), ['20260103T000000.000Z', '20260105T000000.000Z']);
});

it('a revert whose post-deploy fails leaves current and the release as they were', (t) => {
  const { dir, work, git } = project(t);
  const spec = specFor(dir, work);
  assert.equal(run(spec, { kind: 'setup' }).code, 0);
  assert.equal(run(spec, { kind: 'update' }, '20260101T000000.000Z').code, 0);
  fs.writeFileSync(path.join(work, 'version'), '2');
  git('commit', '--quiet', '-am', 'two');
  assert.equal(run(spec, { kind: 'update' }, '20260102T000000.000Z').code, 0);
  const live = () => path.basename(fs.readlinkSync(path.join(spec.path, 'current')));
  const before = live();
  const reverted = run({ ...spec, hooks: { 'post-deploy': 'test "$(cat version)" = 2' } }, { kind: 'revert', steps: 1 });
  assert.equal(reverted.code, 1);
  assert.equal(live(), before);
  assert.equal(fs.readdirSync(path.join(spec.path, 'releases')).filter((name) => name.endsWith('.failed')).length, 0);
  assert.match(run(spec, { kind: 'revert', steps: 2 }).stderr, /there is no release 2 before 20260102T000000\.000Z-/);
});
