// The deploy section as `svctl deploy FILE ENV` reads it: pm2's keys resolved, every mistake named by file, target and key.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadDeployTarget } from '../../src/apps/load-deploy-target.js';
import { cliEnv, rejectsWith, tempProject } from './helpers.js';

const EXAMPLES = fileURLToPath(new URL('../../../../examples/', import.meta.url));

const staging = { host: 'web1.example.com', repo: 'git@example.com:shop.git', ref: 'origin/main', path: '/srv/shop' };

function load(dir: string, target: string, file = 'ecosystem.config.js') {
  return loadDeployTarget({ file, cwd: dir, env: cliEnv('/home/me'), target });
}

test('a pm2 deploy target resolves: hosts as a list, ssh_options as a list, the key under HOME, env names upper-cased', async (t) => {
  const dir = tempProject(t, {
    'ecosystem.config.js': `module.exports = { deploy: { production: {
      user: 'deploy', host: ['10.0.0.1', '10.0.0.2'], port: '2222', key: '~/.ssh/deploy', ssh_options: 'UserKnownHostsFile=/etc/deploy_hosts',
      repo: 'git@example.com:shop.git', ref: 'origin/main', path: '/srv/shop/', 'pre-deploy-local': '', 'post-deploy': 'npm ci && svctl startOrReload ecosystem.config.js --env production',
      env: { node_env: 'production', WORKERS: 4, DEBUG: false },
    } } };`,
  });
  const { deploy, warnings, file } = await load(dir, 'production');
  assert.equal(file, path.join(dir, 'ecosystem.config.js'));
  assert.deepEqual(warnings, []);
  assert.deepEqual(deploy, {
    name: 'production',
    hosts: ['10.0.0.1', '10.0.0.2'],
    user: 'deploy',
    port: 2222,
    key: '/home/me/.ssh/deploy',
    ssh_options: ['UserKnownHostsFile=/etc/deploy_hosts'],
    forward_agent: false,
    repo: 'git@example.com:shop.git',
    ref: 'origin/main',
    path: '/srv/shop',
    keep_releases: 5,
    hooks: { 'post-deploy': 'npm ci && svctl startOrReload ecosystem.config.js --env production' },
    env: { NODE_ENV: 'production', WORKERS: '4', DEBUG: 'false' },
  });
});

test('a deploy-only file is fine for deploy (start refuses it)', async (t) => {
  const dir = tempProject(t, { 'deploy.json': JSON.stringify({ deploy: { staging } }) });
  const { deploy } = await load(dir, 'staging', 'deploy.json');
  assert.deepEqual([deploy.hosts, deploy.keep_releases], [['web1.example.com'], 5]);
});

test('every invalid key is named with the file and the target, with a suggestion for a typo', async (t) => {
  const dir = tempProject(t, {
    'app.json': JSON.stringify({ deploy: { staging: { ...staging, path: 'srv/shop', hots: 'x', keep_releases: 0, host: '-oProxyCommand=evil', env: { 'BAD-NAME': 1 } } } }),
  });
  const error = await rejectsWith('APP_FILE_INVALID', () => load(dir, 'staging', 'app.json'));
  assert.deepEqual(error.message.split('\n').sort(), [
    'app.json: deploy "staging": key "env" must be an object of variables (names of letters, digits and "_"; values strings, numbers or booleans), found {"BAD-NAME":1}',
    'app.json: deploy "staging": key "host" must be a host name or address (optionally user@host), without spaces or shell characters or a non-empty array of host names, found "-oProxyCommand=evil"',
    'app.json: deploy "staging": key "hots" is not known (did you mean "host"?)',
    'app.json: deploy "staging": key "keep_releases" must be an integer from 1 to 1000, found 0',
    'app.json: deploy "staging": key "path" must be an absolute path on the host, found "srv/shop"',
  ]);
});

test('an undefined target names the ones the file defines; a file without a deploy section says so', async (t) => {
  const dir = tempProject(t, { 'app.json': JSON.stringify({ apps: [{ script: 'a.js' }], deploy: { staging, production: staging } }), 'plain.json': JSON.stringify({ script: 'a.js' }) });
  const missing = await rejectsWith('APP_FILE_INVALID', () => load(dir, 'prod', 'app.json'));
  assert.equal(missing.message, 'app.json: deploy "prod": is not defined (the "deploy" section defines "staging", "production")');
  const none = await rejectsWith('APP_FILE_INVALID', () => load(dir, 'staging', 'plain.json'));
  assert.equal(none.message, 'plain.json: deploy: the file has no "deploy" section');
});

test('pm2-deploy keys svctl does not use, and turning host key checks off, are warnings', async (t) => {
  const dir = tempProject(t, { 'app.json': JSON.stringify({ deploy: { staging: { ...staging, fetch: 'fast', ssh_options: ['StrictHostKeyChecking=no', 'Compression=yes'] } } }) });
  const { warnings, deploy } = await load(dir, 'staging', 'app.json');
  assert.deepEqual(deploy.ssh_options, ['StrictHostKeyChecking=no', 'Compression=yes']);
  assert.deepEqual(warnings, [
    'app.json: deploy "staging": key "fetch" is ignored (every fetch is a full fetch into path/repo)',
    'app.json: deploy "staging": ssh_options "StrictHostKeyChecking=no" turns host key checking off: ssh will not verify it talks to the right host',
  ]);
});

test('pre-setup naming a local script carries the script, as pm2 sends it to the host', async (t) => {
  const dir = tempProject(t, { 'setup.sh': 'apt-get install -y git\n', 'app.json': JSON.stringify({ deploy: { staging: { ...staging, 'pre-setup': './setup.sh' } } }) });
  const { deploy } = await load(dir, 'staging', 'app.json');
  assert.deepEqual([deploy.hooks['pre-setup'], deploy.pre_setup_script], ['./setup.sh', 'apt-get install -y git\n']);
});

test("the example pm2 ecosystem file's deploy section reads as written", async () => {
  const { deploy, warnings } = await loadDeployTarget({ file: 'ecosystem.config.js', cwd: EXAMPLES, env: cliEnv('/home/me'), target: 'production' });
  assert.deepEqual(warnings, []);
  assert.deepEqual([deploy.hosts, deploy.user, deploy.ref, deploy.path], [['example.com'], 'node', 'origin/main', '/srv/web']);
  assert.equal(deploy.hooks['post-deploy'], 'npm ci && pm2 reload ecosystem.config.js --env production');
});
