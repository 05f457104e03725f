import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideExecMode } from '../../src/apps/exec-mode.js';
import { resolveCommand } from '../../src/apps/resolve-command.js';

const command = (script: string, interpreter?: string) => resolveCommand({ script, ...(interpreter === undefined ? {} : { interpreter }) }, '/srv/app', '/home/u');

describe('decideExecMode', () => {
  const rows: Array<[string, Parameters<typeof decideExecMode>[0], ReturnType<typeof command>, 'fork' | 'cluster', boolean, RegExp]> = [
    ['exec_mode cluster', { exec_mode: 'cluster' }, command('server.js'), 'cluster', true, /^exec_mode cluster$/],
    ['cluster_mode', { exec_mode: 'cluster_mode', instances: 2 }, command('server.js'), 'cluster', true, /^exec_mode cluster_mode$/],
    ['pm2 inference: instances without exec_mode on node', { instances: 4 }, command('server.js'), 'cluster', true, /inferred/],
    ['pm2 inference: an absolute nvm node', { instances: 'max' }, command('server.js', '/opt/nvm/versions/node/v20/bin/node'), 'cluster', true, /inferred/],
    ['exec_mode fork wins over instances', { exec_mode: 'fork', instances: 4 }, command('server.js'), 'fork', false, /^exec_mode fork$/],
    ['nothing set', {}, command('server.js'), 'fork', false, /default/],
    ['instances on python: no inference', { instances: 2 }, command('app.py'), 'fork', false, /default/],
    ['cluster asked for python', { exec_mode: 'cluster' }, command('app.py'), 'fork', true, /needs the node interpreter \(this app runs python3\)/],
    ['bun is inferred by pm2 but runs forked', { instances: 2 }, command('server.js', 'bun'), 'fork', true, /needs the node interpreter/],
    ['a command line', { exec_mode: 'cluster' }, command('npm start'), 'fork', true, /shell command line/],
  ];
  for (const [name, entry, resolved, mode, requested, reason] of rows) {
    it(name, () => {
      const decided = decideExecMode(entry, resolved);
      assert.equal(decided.mode, mode);
      assert.equal(decided.requested, requested);
      assert.match(decided.reason, reason);
    });
  }
});
