// svctl deploy end to end, on real tools: a real sshd on a loopback port, git on "the host" (this machine),
// releases with an atomic `current`, post-deploy running svctl startOrReload so the app serves, revert,
// a second target on its own path and environment, a failing post-deploy, and a host that cannot be reached.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { freePort } from '../health/health-helpers.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { CLI_BIN } from '../helpers/paths.js';
import { startSshd, type TestSshd } from '../helpers/sshd.js';
import { waitFor } from '../helpers/wait.js';

const SERVER = (version: string) => `const http = require('node:http');
const server = http.createServer((request, response) => response.end(['${version}', process.env.STAGE, process.env.GREETING, process.cwd()].join(' | ')));
server.listen({ fd: 3 });
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

// The app file in the repository: the held socket comes from the deploy env (APP_LISTEN), the stage from env_<ENV>.
const ECOSYSTEM = (instances: string) => `module.exports = {
  apps: [{ name: 'web', script: 'server.js', instances: ${instances}, listen: process.env.APP_LISTEN, kill_timeout: 3000,
    env_staging: { STAGE: 'staging' }, env_production: { STAGE: 'production' } }],
};
`;

/** A bare repository ("origin") and a working clone that commits and pushes to it. */
function makeRepository(t: TestContext) {
  const dir = fs.mkdtempSync('/tmp/svctl-git-');
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const origin = path.join(dir, 'origin.git');
  const work = path.join(dir, 'work');
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=svctl test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd: work, encoding: 'utf8' }).trim();
  execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', origin]);
  fs.mkdirSync(work);
  git('init', '--quiet');
  git('remote', 'add', 'origin', origin);
  return {
    origin,
    /** Commits the files and pushes main; returns the short sha. */
    commit(files: Record<string, string>, message: string): string {
      for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(work, name), content);
      git('add', '-A');
      git('commit', '--quiet', '-m', message);
      git('push', '--quiet', 'origin', 'main');
      return git('rev-parse', '--short', 'HEAD');
    },
  };
}

interface Target {
  path: string;
  home: string;
  port: number;
}

function deployTarget(sshd: TestSshd, origin: string, env: string, target: Target, greeting: string) {
  return {
    user: 'root',
    host: '127.0.0.1',
    port: sshd.port,
    key: sshd.clientKey,
    ssh_options: sshd.sshOptions,
    repo: origin,
    ref: 'origin/main',
    path: target.path,
    'post-deploy': `${process.execPath} ${CLI_BIN} startOrReload ecosystem.config.js --env ${env}`,
    env: { SVCTL_HOME: target.home, APP_LISTEN: `127.0.0.1:${target.port}`, GREETING: greeting },
  };
}

async function serves(port: number, expected: string[]): Promise<string> {
  return waitFor(`127.0.0.1:${port} to answer ${expected.join(' | ')}`, async () => {
    const body = await (await fetch(`http://127.0.0.1:${port}/`)).text();
    return body.startsWith(expected.join(' | ')) ? body : false;
  }, { timeoutMs: 30_000 });
}

function liveRelease(deployPath: string): string {
  return path.basename(fs.readlinkSync(path.join(deployPath, 'current')));
}

function ok(result: CliResult, what: string): CliResult {
  assert.equal(result.code, 0, `${what} failed (${result.code})\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  return result;
}

describe('svctl deploy', () => {
  it('sets up, deploys, switches current, reverts, deploys production apart, and keeps current when post-deploy fails', async (t) => {
    const sshd = await startSshd(t);
    const repo = makeRepository(t);
    const first = repo.commit({ 'server.js': SERVER('v1'), 'ecosystem.config.js': ECOSYSTEM('1') }, 'v1');
    const root = fs.mkdtempSync('/tmp/svctl-deploy-');
    t.after(() => fs.rmSync(root, { recursive: true, force: true }));
    const staging: Target = { path: path.join(root, 'staging'), home: makeHome(t), port: await freePort() };
    const production: Target = { path: path.join(root, 'production'), home: makeHome(t), port: await freePort() };
    const stagingTarget = deployTarget(sshd, repo.origin, 'staging', staging, "it's staging");
    const deploy = {
      staging: stagingTarget,
      production: deployTarget(sshd, repo.origin, 'production', production, 'hello production'),
      // The same host twice over: 127.0.0.2 has no sshd, so it fails while 127.0.0.1 answers.
      pair: { ...stagingTarget, host: ['127.0.0.1', '127.0.0.2'] },
    };
    const local = fs.mkdtempSync('/tmp/svctl-local-');
    t.after(() => fs.rmSync(local, { recursive: true, force: true }));
    fs.writeFileSync(path.join(local, 'app.config.js'), `module.exports = { deploy: ${JSON.stringify(deploy, null, 2)} };\n`);
    const svctl = (...args: string[]) => runCli(['deploy', 'app.config.js', ...args], { home: makeHome(t), cwd: local, timeoutMs: 180_000 });

    // setup: the layout, no release yet.
    ok(await svctl('staging', 'setup'), 'setup');
    for (const folder of ['repo', 'releases', 'shared']) assert.ok(fs.statSync(path.join(staging.path, folder)).isDirectory(), folder);
    assert.equal(fs.existsSync(path.join(staging.path, 'current')), false);

    // The first deploy: commit 1 live under current, post-deploy started the app, which serves.
    const deployed = ok(await svctl('staging'), 'first deploy');
    assert.match(deployed.stdout, /^\[127\.0\.0\.1\]   ○ post-deploy: /m);
    const release1 = liveRelease(staging.path);
    assert.match(release1, new RegExp(`^\\d{8}T\\d{6}\\.\\d{3}Z-${first}$`));
    assert.match(await serves(staging.port, ['v1', 'staging', "it's staging"]), new RegExp(`releases/${release1}$`));

    // A new commit: a second release, current switched, the app reloaded onto it.
    const second = repo.commit({ 'server.js': SERVER('v2') }, 'v2');
    ok(await svctl('staging', 'update'), 'second deploy');
    const release2 = liveRelease(staging.path);
    assert.match(release2, new RegExp(`-${second}$`));
    assert.match(await serves(staging.port, ['v2', 'staging', "it's staging"]), new RegExp(`releases/${release2}$`));
    assert.equal((await svctl('staging', 'list')).stdout, `[127.0.0.1] 0\t${release2}\t(current)\n[127.0.0.1] 1\t${release1}\n`);
    assert.equal(ok(await svctl('staging', 'current'), 'current').stdout, `[127.0.0.1] ${release2}\n`);
    assert.equal(ok(await svctl('staging', 'previous'), 'previous').stdout, `[127.0.0.1] ${release1}\n`);
    assert.equal(ok(await svctl('staging', 'exec', '--', 'git', 'rev-parse', '--short', 'HEAD'), 'exec').stdout, `[127.0.0.1] ${second}\n`);

    // revert 1: back to the first release (no fetch), post-deploy reloads the app from it.
    ok(await svctl('staging', 'revert', '1'), 'revert');
    assert.equal(liveRelease(staging.path), release1);
    await serves(staging.port, ['v1', 'staging', "it's staging"]);

    // production: another path, its own daemon, port and environment; staging is untouched.
    ok(await svctl('production', 'setup'), 'production setup');
    ok(await svctl('production'), 'production deploy');
    assert.match(liveRelease(production.path), new RegExp(`-${second}$`));
    assert.match(await serves(production.port, ['v2', 'production', 'hello production']), new RegExp(`^v2 \\| production \\| hello production \\| ${production.path}/releases/`));
    await serves(staging.port, ['v1', 'staging']);

    // A commit whose app file is invalid: post-deploy (startOrReload) fails, current stays, the app keeps serving.
    const broken = repo.commit({ 'ecosystem.config.js': ECOSYSTEM("'lots'") }, 'broken');
    const failed = await svctl('staging');
    assert.equal(failed.code, 1, failed.stderr);
    assert.match(failed.stderr, /^\[127\.0\.0\.1\] svctl deploy: post-deploy failed \(exit 2\): current still points to /m);
    assert.match(failed.stderr, /svctl: deploy staging update failed on 1 of 1 host\(s\): 127\.0\.0\.1 \(exit 1\)/);
    assert.equal(liveRelease(staging.path), release1);
    assert.ok(fs.readdirSync(path.join(staging.path, 'releases')).some((name) => name.endsWith(`-${broken}.failed`)));
    await serves(staging.port, ['v1', 'staging']);

    // Two hosts at once: each line says its host, and the one that fails is named.
    const pair = await svctl('pair', 'current');
    assert.equal(pair.code, 1, pair.stderr);
    assert.equal(pair.stdout, `[127.0.0.1] ${release1}\n`);
    assert.match(pair.stderr, /deploy pair current failed on 1 of 2 host\(s\): 127\.0\.0\.2 \(ssh failed, exit 255/);
  });

  it('refuses an invalid deploy section before contacting any host, naming file, target and key', async (t) => {
    const local = fs.mkdtempSync('/tmp/svctl-local-');
    t.after(() => fs.rmSync(local, { recursive: true, force: true }));
    fs.writeFileSync(path.join(local, 'app.config.js'), `module.exports = { deploy: { staging: { host: '127.0.0.1', repo: 'x', ref: 'origin/main', path: 'relative/path', psot_deploy: 'x' } } };\n`);
    const result = await runCli(['deploy', 'app.config.js', 'staging'], { home: makeHome(t), cwd: local });
    assert.equal(result.code, 2, result.stderr);
    assert.equal(
      result.stderr,
      'svctl: app.config.js: deploy "staging": key "psot_deploy" is not known (did you mean "post-deploy"?)\napp.config.js: deploy "staging": key "path" must be an absolute path on the host, found "relative/path"\n',
    );
    const unknown = await runCli(['deploy', 'app.config.js', 'staging', 'rollback'], { home: makeHome(t), cwd: local });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /"rollback" is not a deploy command; usage: svctl deploy FILE ENV/);
  });
});
