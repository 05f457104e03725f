// A pm2 ecosystem.config.js as people write them (fixtures/pm2-project), loaded unchanged.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { AppSpecSchema, compileValidator } from '@svctl/protocol';
import { loadAppFile } from '../../src/apps/index.js';
import { cliEnv } from './helpers.js';

const project = fileURLToPath(new URL('./fixtures/pm2-project/', import.meta.url)).replace(/\/$/, '');
const env = cliEnv('/home/deploy', { API_URL: 'https://api.example.com' });

test('the pm2 project file loads with --env production; its deploy section is for svctl deploy only', async () => {
  const result = await loadAppFile({ cwd: project, env, envName: 'production' });
  assert.equal(result.file, path.join(project, 'ecosystem.config.js'));
  const [web, worker] = result.apps;
  assert.ok(web !== undefined && worker !== undefined);

  assert.deepEqual(web.command, ['npm', 'start']);
  assert.equal(web.cwd, path.join(project, 'web'));
  assert.equal(web.instances, 2);
  assert.equal(web.cluster_requested, false);
  assert.equal(web.out_file, path.join(project, 'web/logs/web-out.log'));
  assert.equal(web.error_file, path.join(project, 'web/logs/web-err.log'));
  assert.equal(web.max_memory_restart, 1024 ** 3);
  assert.equal(web.min_uptime, 10_000);
  assert.equal(web.max_restarts, 10);
  assert.deepEqual(web.env, { NODE_ENV: 'production', PORT: '8080', API_URL: 'https://api.example.com' });
  assert.equal(web.env_name, 'production');

  assert.deepEqual(worker.command, [process.execPath, '--max-old-space-size=1024', path.join(project, 'worker.js')]);
  assert.deepEqual([worker.restart_delay, worker.kill_timeout], [5000, 3000]);
  assert.deepEqual(worker.env, { QUEUE: 'jobs', DEBUG: 'false' });

  assert.deepEqual(result.warnings, [
    'ecosystem.config.js: app "worker": key "vizion" is ignored (pm2 version-control metadata)',
  ]);
  for (const app of result.apps) assert.deepEqual(compileValidator(AppSpecSchema)(app), []);
});

test('an undefined process.env value in the file leaves the variable out, as in pm2', async () => {
  const { apps } = await loadAppFile({ file: 'ecosystem.config.js', cwd: project, env: cliEnv('/home/deploy'), envName: 'production', only: ['web'] });
  assert.deepEqual(apps.map((app) => app.env), [{ NODE_ENV: 'production', PORT: '8080' }]);
});
