// svctl deploy end to end across targets: production deploys to its own path with its own environment (and
// svctl home) beside staging on the same host; a failing post-deploy leaves current where it was; an invalid
// deploy section is refused before any host is contacted.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { startSshd } from '../helpers/sshd.js';
import { deployEntry, deployRoot, ECOSYSTEM, liveRelease, localProject, makeRepository, makeTarget, ok, SERVER, serves } from './deploy-helpers.js';

it('production deploys apart from staging with its own environment, and a failing post-deploy keeps current', async (t) => {
  const sshd = await startSshd(t);
  const repo = makeRepository(t);
  const first = repo.commit({ 'server.js': SERVER('v1'), 'ecosystem.config.js': ECOSYSTEM('1') }, 'v1');
  const root = deployRoot(t);
  const staging = await makeTarget(t, root, 'staging', "it's staging");
  const production = await makeTarget(t, root, 'production', 'hello production');
  const svctl = localProject(t, { staging: deployEntry(sshd, repo.origin, staging), production: deployEntry(sshd, repo.origin, production) });

  for (const target of ['staging', 'production']) {
    ok(await svctl(target, 'setup'), `${target} setup`);
    ok(await svctl(target), `${target} deploy`);
  }
  assert.match(liveRelease(production), new RegExp(`-${first}$`));
  assert.match(await serves(production, ['v1', 'production', 'hello production']), new RegExp(` \\| ${production.path}/releases/${liveRelease(production)}$`));
  assert.match(await serves(staging, ['v1', 'staging', "it's staging"]), new RegExp(` \\| ${staging.path}/releases/${liveRelease(staging)}$`));

  // A commit whose app file is invalid: post-deploy (startOrReload) fails, current stays, the app keeps serving.
  const live = liveRelease(production);
  const broken = repo.commit({ 'server.js': SERVER('v2'), 'ecosystem.config.js': ECOSYSTEM("'lots'") }, 'broken');
  const failed = await svctl('production');
  assert.equal(failed.code, 1, failed.stderr);
  assert.match(failed.stderr, /^\[127\.0\.0\.1\] svctl deploy: post-deploy failed \(exit 2\): current still points to /m);
  assert.match(failed.stderr, /svctl: deploy production update failed on 1 of 1 host\(s\): 127\.0\.0\.1 \(exit 1\)/);
  assert.equal(liveRelease(production), live);
  assert.ok(fs.readdirSync(path.join(production.path, 'releases')).some((name) => name.endsWith(`-${broken}.failed`)));
  await serves(production, ['v1', 'production']);
});

it('refuses an invalid deploy section before contacting any host, naming file, target and key', async (t) => {
  const svctl = localProject(t, { staging: { host: '127.0.0.1', repo: 'x', ref: 'origin/main', path: 'relative/path', psot_deploy: 'x' } });
  const result = await svctl('staging');
  assert.equal(result.code, 2, result.stderr);
  assert.equal(
    result.stderr,
    'svctl: app.config.js: deploy "staging": key "psot_deploy" is not known (did you mean "post-deploy"?)\napp.config.js: deploy "staging": key "path" must be an absolute path on the host, found "relative/path"\n',
  );
  const unknown = await svctl('staging', 'rollback');
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /"rollback" is not a deploy command\nhint: usage: svctl deploy \[FILE\] ENV/);
  const undefinedTarget = await svctl('prod');
  assert.equal(undefinedTarget.code, 2);
  assert.equal(undefinedTarget.stderr, 'svctl: app.config.js: deploy "prod": is not defined (the "deploy" section defines "staging")\n');
});

it('finds the app file in the current folder when the first word is the environment, as pm2 deploy does', async (t) => {
  const local = fs.mkdtempSync('/tmp/svctl-local-');
  t.after(() => fs.rmSync(local, { recursive: true, force: true }));
  fs.writeFileSync(path.join(local, 'ecosystem.config.js'), 'module.exports = { deploy: { staging: { host: "127.0.0.1", repo: "x", ref: "origin/main", path: "relative" } } };\n');
  const result = await runCli(['deploy', 'staging', 'setup'], { home: makeHome(t), cwd: local });
  assert.equal(result.code, 2, result.stderr);
  assert.equal(result.stderr, 'svctl: ecosystem.config.js: deploy "staging": key "path" must be an absolute path on the host, found "relative"\n');
});
