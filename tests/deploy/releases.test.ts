// svctl deploy end to end on one target, over a real sshd on a loopback port and git on "the host" (this
// machine): setup, a deploy that puts commit 1 live and starts the app through post-deploy, a second deploy
// that switches current and reloads the app, current/previous/list/exec, revert 1, and two hosts at once.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { startSshd } from '../helpers/sshd.js';
import { deployEntry, deployRoot, ECOSYSTEM, liveRelease, localProject, makeRepository, makeTarget, ok, SERVER, serves } from './deploy-helpers.js';

it('setup, then deploys switch current to each new release and revert 1 brings the first back', async (t) => {
  const sshd = await startSshd(t);
  const repo = makeRepository(t);
  const first = repo.commit({ 'server.js': SERVER('v1'), 'ecosystem.config.js': ECOSYSTEM('1') }, 'v1');
  const staging = await makeTarget(t, deployRoot(t), 'staging', "it's staging");
  const entry = deployEntry(sshd, repo.origin, staging);
  // The same host twice over: 127.0.0.2 has no sshd, so it fails while 127.0.0.1 answers.
  const svctl = localProject(t, { staging: entry, pair: { ...entry, host: ['127.0.0.1', '127.0.0.2'] } });

  // setup: the layout, no release yet.
  ok(await svctl('staging', 'setup'), 'setup');
  for (const folder of ['repo', 'releases', 'shared']) assert.ok(fs.statSync(path.join(staging.path, folder)).isDirectory(), folder);
  assert.equal(fs.existsSync(path.join(staging.path, 'current')), false);

  // The first deploy: commit 1 live under current; post-deploy started the app, which serves from the release.
  const deployed = ok(await svctl('staging'), 'first deploy');
  assert.match(deployed.stdout, /^\[127\.0\.0\.1\] {3}○ post-deploy: /m);
  const release1 = liveRelease(staging);
  assert.match(release1, new RegExp(`^\\d{8}T\\d{6}\\.\\d{3}Z-${first}$`));
  assert.match(await serves(staging, ['v1', 'staging', "it's staging"]), new RegExp(`releases/${release1}$`));

  // A new commit: a second release, current switched, the app reloaded onto it.
  const second = repo.commit({ 'server.js': SERVER('v2') }, 'v2');
  ok(await svctl('staging', 'update'), 'second deploy');
  const release2 = liveRelease(staging);
  assert.match(release2, new RegExp(`-${second}$`));
  assert.match(await serves(staging, ['v2', 'staging', "it's staging"]), new RegExp(`releases/${release2}$`));
  assert.equal(ok(await svctl('staging', 'list'), 'list').stdout, `[127.0.0.1] 0\t${release2}\t(current)\n[127.0.0.1] 1\t${release1}\n`);
  assert.equal(ok(await svctl('staging', 'current'), 'current').stdout, `[127.0.0.1] ${release2}\n`);
  assert.equal(ok(await svctl('staging', 'previous'), 'previous').stdout, `[127.0.0.1] ${release1}\n`);
  assert.equal(ok(await svctl('staging', 'exec', '--', 'git', 'rev-parse', '--short', 'HEAD'), 'exec').stdout, `[127.0.0.1] ${second}\n`);

  // revert 1: back to the first release without a fetch; post-deploy reloads the app from it.
  ok(await svctl('staging', 'revert', '1'), 'revert');
  assert.equal(liveRelease(staging), release1);
  await serves(staging, ['v1', 'staging', "it's staging"]);

  // Two hosts at once: each line says its host, and the one that fails is named.
  const pair = await svctl('pair', 'current');
  assert.equal(pair.code, 1, pair.stderr);
  assert.equal(pair.stdout, `[127.0.0.1] ${release1}\n`);
  assert.match(pair.stderr, /deploy pair current failed on 1 of 2 host\(s\): 127\.0\.0\.2 \(ssh failed, exit 255/);
});
