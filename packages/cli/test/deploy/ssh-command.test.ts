import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { DeploySpec } from '@svctl/protocol';
import { LinePrefixer } from '../../src/deploy/line-prefixer.js';
import { sshArguments } from '../../src/deploy/ssh-command.js';

const spec: DeploySpec = { name: 'production', hosts: ['web1'], ssh_options: [], forward_agent: false, repo: 'r', ref: 'origin/main', path: '/srv', keep_releases: 5, hooks: {}, env: {} };

it("maps the deploy keys to ssh's options as pm2 does, and ends options before the host", () => {
  assert.deepEqual(sshArguments(spec, 'web1'), ['-T', '--', 'web1', 'bash -s']);
  const full = { ...spec, user: 'deploy', port: 2222, key: '/home/me/.ssh/deploy', forward_agent: true, ssh_options: ['UserKnownHostsFile=/etc/deploy_hosts', 'ConnectTimeout 5'] };
  assert.deepEqual(sshArguments(full, 'web1'), ['-o', 'UserKnownHostsFile=/etc/deploy_hosts', '-o', 'ConnectTimeout 5', '-p', '2222', '-i', '/home/me/.ssh/deploy', '-A', '-T', '--', 'deploy@web1', 'bash -s']);
  assert.deepEqual(sshArguments(full, 'admin@web2').slice(-2), ['admin@web2', 'bash -s']);
});

it('prefixes whole lines only, keeping a partial line until it ends', () => {
  const written: string[] = [];
  const prefixer = new LinePrefixer('[web1] ', (text) => written.push(text));
  prefixer.push('one\ntw');
  prefixer.push('o\nthree');
  prefixer.end();
  assert.deepEqual(written, ['[web1] one\n', '[web1] two\n', '[web1] three\n']);
});
