import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { buildAdHocApp } from '../../src/apps/index.js';
import { issuesOf, rejectsWith } from './helpers.js';

const cwd = '/srv/app';
const env = { HOME: '/home/me', PATH: '/usr/bin' };

test('svctl start server.js --name api -- --port 3000', () => {
  const result = buildAdHocApp({ script: 'server.js', args: ['--port', '3000'], name: 'api', cwd, env });
  assert.equal(result.file, '(command line)');
  const [app] = result.apps;
  assert.deepEqual(app?.command, [process.execPath, path.join(cwd, 'server.js'), '--port', '3000']);
  assert.deepEqual([app?.name, app?.cwd, app?.source_file], ['api', cwd, null]);
  assert.deepEqual(app?.base_env, env);
});

test('svctl start --name web -- python3 -m http.server 8080 runs that exact argv', () => {
  const [app] = buildAdHocApp({ args: ['python3', '-m', 'http.server', '8080'], name: 'web', cwd, env }).apps;
  assert.deepEqual(app?.command, ['python3', '-m', 'http.server', '8080']);
  assert.equal(app?.shell, false);
});

test('words after -- are never re-split, even with spaces', () => {
  const [app] = buildAdHocApp({ args: ['/opt/My App/run', 'a b'], cwd, env }).apps;
  assert.deepEqual(app?.command, ['/opt/My App/run', 'a b']);
  assert.equal(app?.name, 'run');
});

test('options take file keys and are validated the same way', () => {
  const [app] = buildAdHocApp({ script: 'server.js', args: [], cwd, env, options: { instances: 'max', namespace: 'web', min_uptime: '5s' } }).apps;
  assert.deepEqual([app?.namespace, app?.min_uptime, app?.cluster_requested], ['web', 5000, true]);
});

test('a bad option is APP_FILE_INVALID for "(command line)"', async () => {
  const error = await rejectsWith('APP_FILE_INVALID', () => buildAdHocApp({ script: 'server.js', args: [], cwd, env, options: { instance: 2 } }));
  assert.equal(error.message, '(command line): app "apps[0]": key "instance" is not known (did you mean "instances"?)');
  assert.equal(issuesOf(error).file, '(command line)');
});

test('nothing to run is APP_FILE_INVALID on script', async () => {
  const error = await rejectsWith('APP_FILE_INVALID', () => buildAdHocApp({ args: [], cwd, env }));
  assert.deepEqual(issuesOf(error).errors.map((issue) => issue.path), ['script']);
});
