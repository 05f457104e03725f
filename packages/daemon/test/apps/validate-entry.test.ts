// What users see when an app file is wrong: every error at once, with key, expected, found, suggestion.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { LoadRequest } from '@svctl/protocol';
import { loadAppFile } from '../../src/apps/index.js';
import { cliEnv, issuesOf, rejectsWith, tempProject } from './helpers.js';

function loadJson(t: TestContext, content: unknown, request: Partial<LoadRequest> = {}) {
  const dir = tempProject(t, { 'api.json': JSON.stringify(content) });
  return loadAppFile({ file: 'api.json', cwd: dir, env: cliEnv(dir), ...request });
}

test('the classic broken file reports the missing script, the typo and the wrong type together', async (t) => {
  const error = await rejectsWith('APP_FILE_INVALID', () => loadJson(t, { name: 'api', sutorestart: true, instances: 'lots' }));
  assert.deepEqual(issuesOf(error).errors, [
    { app: 'api', path: 'script', message: 'key "script" is missing (expected a non-empty string of at most 65536 characters)', expected: 'a non-empty string of at most 65536 characters', found: 'nothing' },
    { app: 'api', path: 'sutorestart', message: 'key "sutorestart" is not known (did you mean "autorestart"?)', found: 'true', suggestion: 'autorestart' },
    {
      app: 'api',
      path: 'instances',
      message: 'key "instances" must be an integer from -1024 to 1024, a numeric string or "max", found "lots"',
      expected: 'an integer from -1024 to 1024, a numeric string or "max"',
      found: '"lots"',
    },
  ]);
  assert.equal(
    error.message,
    [
      'api.json: app "api": key "script" is missing (expected a non-empty string of at most 65536 characters)',
      'api.json: app "api": key "sutorestart" is not known (did you mean "autorestart"?)',
      'api.json: app "api": key "instances" must be an integer from -1024 to 1024, a numeric string or "max", found "lots"',
    ].join('\n'),
  );
});

test('errors of several apps are all listed; an unnamed app is called apps[i]', async (t) => {
  const error = await rejectsWith('APP_FILE_INVALID', () =>
    loadJson(t, { apps: [{ name: 'ok', script: 'a.js' }, { script: 'b.js', min_uptime: 'soon' }, { name: 'c', script: 'c.js', env: { PORT: [1] } }] }),
  );
  assert.deepEqual(
    issuesOf(error).errors.map((issue) => [issue.app, issue.path, issue.expected]),
    [
      ['apps[1]', 'min_uptime', 'a number of milliseconds up to 2147483647 or a duration string such as "5s", "200ms" or "1.5m", up to "24d"'],
      ['c', 'env.PORT', 'a string (at most 65536 characters), number or boolean'],
    ],
  );
});

test('with --ignore-unknown an unknown key is a warning with its suggestion, and the app loads', async (t) => {
  const result = await loadJson(t, { name: 'api', script: 'a.js', sutorestart: false }, { ignoreUnknown: true });
  assert.equal(result.apps[0]?.autorestart, true);
  assert.deepEqual(result.warnings, ['api.json: app "api": key "sutorestart" is not known and was ignored (did you mean "autorestart"?)']);
});

test('an unknown key far from every known key gets no suggestion', async (t) => {
  const error = await rejectsWith('APP_FILE_INVALID', () => loadJson(t, { name: 'api', script: 'a.js', health_check_grace_period: 5 }));
  assert.deepEqual(issuesOf(error).errors, [{ app: 'api', path: 'health_check_grace_period', message: 'key "health_check_grace_period" is not known', found: '5' }]);
});

test('pm2 keys svctl does not use are warnings saying they are ignored, never errors; deploy is left to svctl deploy', async (t) => {
  const result = await loadJson(t, {
    apps: [{ name: 'api', script: 'a.js', vizion: false, pmx: true, treekill: false, source_map_support: true, kill_retry_time: 100 }],
    deploy: { production: { host: 'example.com' } },
  });
  assert.deepEqual(result.warnings, [
    'api.json: app "api": key "vizion" is ignored (pm2 version-control metadata)',
    'api.json: app "api": key "pmx" is ignored (pm2/Keymetrics monitoring integration)',
    'api.json: app "api": key "treekill" is ignored (svctl always signals the whole process group)',
    'api.json: app "api": key "source_map_support" is ignored (pm2 injects its own source-map hook; pass --enable-source-maps in node_args instead)',
    'api.json: app "api": key "kill_retry_time" is ignored (svctl is told of exits, it does not poll)',
  ]);
});

test('app settings next to "apps" are an error (pm2 silently ignores them), a warning with --ignore-unknown', async (t) => {
  const content = { apps: [{ name: 'api', script: 'a.js' }], watch: true };
  const error = await rejectsWith('APP_FILE_INVALID', () => loadJson(t, content));
  assert.equal(error.message, 'api.json: top-level key "watch" is not used: app settings go inside each app in "apps"');
  const result = await loadJson(t, content, { ignoreUnknown: true });
  assert.deepEqual(result.warnings, ['api.json: top-level key "watch" is not used: app settings go inside each app in "apps"']);
});

test('two apps with one name are an error', async (t) => {
  const error = await rejectsWith('APP_FILE_INVALID', () => loadJson(t, { apps: [{ script: 'api.js' }, { name: 'api', script: 'other.js' }] }));
  assert.equal(error.message, 'api.json: app "api": name "api" is used by more than one app');
});

test('a name made only of digits is refused (it would read as an id)', async (t) => {
  const error = await rejectsWith('APP_FILE_INVALID', () => loadJson(t, { name: '42', script: 'a.js' }));
  assert.deepEqual(issuesOf(error).errors.map((issue) => issue.path), ['name']);
});

test('an unknown stop_signal is an error with a suggestion; short and lower-case names are normalised', async (t) => {
  const error = await rejectsWith('APP_FILE_INVALID', () => loadJson(t, { name: 'api', script: 'a.js', stop_signal: 'SIGTREM' }));
  assert.equal(issuesOf(error).errors[0]?.suggestion, 'SIGTERM');
  const result = await loadJson(t, { name: 'api', script: 'a.js', stop_signal: 'int' });
  assert.equal(result.apps[0]?.stop_signal, 'SIGINT');
});

test('an args string with an open quote is an error on args', async (t) => {
  const error = await rejectsWith('APP_FILE_INVALID', () => loadJson(t, { name: 'api', script: 'a.js', args: '--name "my app' }));
  assert.equal(error.message, 'api.json: app "api": key "args" has an unterminated " quote');
});

test('a file that is not an object or array is an error', async (t) => {
  const error = await rejectsWith('APP_FILE_INVALID', () => loadJson(t, 'server.js'));
  assert.equal(error.message, 'api.json: the file must hold an app object, an array of apps or { "apps": [...] }');
});
