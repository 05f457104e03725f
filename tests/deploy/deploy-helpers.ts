// What the deploy tests share: a git repository with an app, a deploy target for the test's sshd, and checks
// of what a deploy left behind (the `current` link, the app's answer).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { freePort } from '../health/health-helpers.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { CLI_BIN } from '../helpers/paths.js';
import type { TestSshd } from '../helpers/sshd.js';
import { waitFor } from '../helpers/wait.js';

/** The app: answers `version | STAGE | GREETING | cwd` on the socket the daemon holds for it (`listen`). */
export const SERVER = (version: string) => `const http = require('node:http');
const server = http.createServer((request, response) => response.end(['${version}', process.env.STAGE, process.env.GREETING, process.cwd()].join(' | ')));
server.listen({ fd: 3 });
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

/** The app file in the repository: the held socket comes from the deploy env (APP_LISTEN), the stage from env_<ENV>. */
export const ECOSYSTEM = (instances: string) => `module.exports = {
  apps: [{ name: 'web', script: 'server.js', instances: ${instances}, listen: process.env.APP_LISTEN, kill_timeout: 3000,
    env_staging: { STAGE: 'staging' }, env_production: { STAGE: 'production' } }],
};
`;

export interface Repository {
  origin: string;
  /** Commits the files and pushes main; returns the short sha. */
  commit(files: Record<string, string>, message: string): string;
}

/** A bare repository ("origin") and a working clone that commits and pushes to it. */
export function makeRepository(t: TestContext): Repository {
  const dir = fs.mkdtempSync('/tmp/svctl-git-');
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const origin = path.join(dir, 'origin.git');
  const work = path.join(dir, 'work');
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=svctl test', '-c', 'user.email=test@example.com', ...args], { cwd: work, encoding: 'utf8' }).trim();
  execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', origin]);
  fs.mkdirSync(work);
  git('init', '--quiet', '--initial-branch=main');
  git('remote', 'add', 'origin', origin);
  return {
    origin,
    commit(files, message) {
      for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(work, name), content);
      git('add', '-A');
      git('commit', '--quiet', '-m', message);
      git('push', '--quiet', 'origin', 'main');
      return git('rev-parse', '--short', 'HEAD');
    },
  };
}

/** Where one target deploys on "the host" (this machine), its own svctl home and app port. */
export interface Target {
  name: string;
  path: string;
  home: string;
  port: number;
  greeting: string;
}

export async function makeTarget(t: TestContext, root: string, name: string, greeting: string): Promise<Target> {
  return { name, path: path.join(root, name), home: makeHome(t), port: await freePort(), greeting };
}

/** A deploy section entry as pm2 users write it; post-deploy runs the built CLI's startOrReload with --env NAME. */
export function deployEntry(sshd: TestSshd, origin: string, target: Target) {
  return {
    user: 'root',
    host: '127.0.0.1',
    port: sshd.port,
    key: sshd.clientKey,
    ssh_options: sshd.sshOptions,
    repo: origin,
    ref: 'origin/main',
    path: target.path,
    'post-deploy': `${process.execPath} ${CLI_BIN} startOrReload ecosystem.config.js --env ${target.name}`,
    env: { SVCTL_HOME: target.home, APP_LISTEN: `127.0.0.1:${target.port}`, GREETING: target.greeting },
  };
}

/** Writes app.config.js holding the deploy section in a local folder; returns a runner of `svctl deploy app.config.js ...`. */
export function localProject(t: TestContext, deploy: Record<string, unknown>): (...args: string[]) => Promise<CliResult> {
  const local = fs.mkdtempSync('/tmp/svctl-local-');
  t.after(() => fs.rmSync(local, { recursive: true, force: true }));
  fs.writeFileSync(path.join(local, 'app.config.js'), `module.exports = { deploy: ${JSON.stringify(deploy, null, 2)} };\n`);
  return (...args) => runCli(['deploy', 'app.config.js', ...args], { home: makeHome(t), cwd: local, timeoutMs: 180_000 });
}

/** Polls the app until it answers with these first fields; returns the whole answer. */
export function serves(target: Target, fields: string[]): Promise<string> {
  return waitFor(
    `127.0.0.1:${target.port} to answer ${fields.join(' | ')}`,
    async () => {
      const body = await (await fetch(`http://127.0.0.1:${target.port}/`)).text();
      return body.startsWith(fields.join(' | ')) ? body : false;
    },
    { timeoutMs: 30_000 },
  );
}

/** The release `current` points to. */
export function liveRelease(target: Target): string {
  return path.basename(fs.readlinkSync(path.join(target.path, 'current')));
}

export function ok(result: CliResult, what: string): CliResult {
  assert.equal(result.code, 0, `${what} failed (${result.code})\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  return result;
}

/** A temp folder holding the targets' deploy paths. */
export function deployRoot(t: TestContext): string {
  const root = fs.mkdtempSync('/tmp/svctl-deploy-');
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  return root;
}
