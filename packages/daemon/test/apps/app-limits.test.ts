// Regression tests for issue 10 item 3: values that crashed or wedged the daemon are refused when
// the file is validated, with an error naming the file, the app and the key, and saying what is allowed.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { APP_LIMITS, type LoadRequest } from '@svctl/protocol';
import { loadAppFile } from '../../src/apps/index.js';
import { cliEnv, issuesOf, rejectsWith, tempProject } from './helpers.js';

function loadJson(t: TestContext, content: unknown, request: Partial<LoadRequest> = {}) {
  const dir = tempProject(t, { 'api.json': JSON.stringify(content), 'a.js': '' });
  return loadAppFile({ file: 'api.json', cwd: dir, env: cliEnv(dir), ...request });
}

async function refusal(t: TestContext, content: unknown): Promise<Array<{ app: string; path: string; message: string }>> {
  const error = await rejectsWith('APP_FILE_INVALID', () => loadJson(t, content));
  return issuesOf(error).errors;
}

test('instances: 1e9 is refused at once, saying the allowed range', async (t) => {
  const started = Date.now();
  const [issue, ...rest] = await refusal(t, { name: 'api', script: 'a.js', instances: 1e9 });
  assert.deepEqual(rest, []);
  assert.deepEqual([issue?.app, issue?.path], ['api', 'instances']);
  assert.match(issue?.message ?? '', /an integer from -1024 to 1024.*found 1000000000/);
  assert.ok(Date.now() - started < 10_000);
});

test('a numeric string or "max" resolving beyond the per-app bound is refused on instances', async (t) => {
  const [issue] = await refusal(t, { name: 'api', script: 'a.js', instances: '5000' });
  assert.deepEqual([issue?.path, issue?.message], ['instances', 'key "instances" resolves to 5000 instances, more than the 1024 an app may have']);
});

test('counts past what the daemon counts (max_restarts 1e20, a probe threshold) are refused, naming the range', async (t) => {
  const probe = { http_get: { port: 8080 }, failure_threshold: 1e12 };
  const issues = await refusal(t, { name: 'api', script: 'a.js', max_restarts: 1e20, liveness_probe: probe });
  assert.deepEqual(
    issues.map((issue) => [issue.path, /an integer from [01] to 2147483647/.test(issue.message)]),
    [
      ['max_restarts', true],
      ['liveness_probe.failure_threshold', true],
    ],
  );
  assert.equal(APP_LIMITS.count, 2 ** 31 - 1);
});

test('a file of 10,000 apps is refused as a whole, before any app is resolved', async (t) => {
  const apps = Array.from({ length: 10_000 }, (_, i) => ({ name: `app-${i}`, script: 'a.js' }));
  const error = await rejectsWith('APP_FILE_INVALID', () => loadJson(t, { apps }));
  assert.equal(error.message, 'api.json: the file defines 10000 apps, more than the 1000 one file may hold');
  assert.equal(issuesOf(error).errors.length, 1);
});

test('a duration a timer cannot hold ("40d", or as ms) is refused on every duration key, nested probes included', async (t) => {
  const issues = await refusal(t, {
    name: 'api',
    script: 'a.js',
    restart_delay: '40d',
    min_uptime: 2 ** 31,
    kill_timeout: '24d', // 2,073,600,000 ms: fits
    liveness_probe: { tcp_socket: { port: 80 }, period: '600h' },
  });
  assert.deepEqual(issues.map((issue) => issue.path), ['min_uptime', 'restart_delay', 'liveness_probe.period']);
  const delay = issues.find((issue) => issue.path === 'restart_delay');
  assert.match(delay?.message ?? '', /^key "restart_delay" must be a number of milliseconds up to 2147483647 or a duration string .* up to "24d", found "40d"$/);
});

test('a 10 KB name is refused, and not repeated in the message (the app is called by its position)', async (t) => {
  const error = await rejectsWith('APP_FILE_INVALID', () => loadJson(t, { apps: [{ name: 'x'.repeat(10_000), script: 'a.js' }] }));
  assert.deepEqual(issuesOf(error).errors.map((issue) => [issue.app, issue.path]), [['apps[0]', 'name']]);
  assert.ok(error.message.length < 400, error.message);
  assert.match(error.message, /^api\.json: app "apps\[0\]": key "name" must be a name of 1-64 ASCII letters, digits, "\.", "_" or "-"/);
});

test('names that would share a log file, drive a terminal, or read as a keyword or an id are refused', async (t) => {
  const names = ['café', 'cafè', 'red\u001b[31m', 'all', '42', '-dash', 'a b', 'a/b', '', 'x'.repeat(65)];
  const issues = await refusal(t, { apps: names.map((name) => ({ name, script: 'a.js' })) });
  assert.deepEqual(issues.map((issue) => issue.app), names.map((_, index) => `apps[${index}]`));
  assert.ok(issues.every((issue) => issue.path === 'name' && !issue.message.includes('\u001b')));
});

test('names of letters, digits, ".", "_" and "-" up to 64 characters are accepted, as is a namespace like them', async (t) => {
  const names = ['api', 'API.v2', 'worker_1', '9lives', 'x'.repeat(64), 'all-in'];
  const loaded = await loadJson(t, { apps: names.map((name) => ({ name, script: 'a.js', namespace: 'team-a' })) });
  assert.deepEqual(loaded.apps.map((app) => app.name), names);
});

test('a namespace is bounded like a name ("all" would be the target keyword)', async (t) => {
  const [issue] = await refusal(t, { name: 'api', script: 'a.js', namespace: 'all' });
  assert.deepEqual([issue?.app, issue?.path], ['api', 'namespace']);
});

test('a default name (from the script) that is not a valid name asks for "name"', async (t) => {
  const dir = tempProject(t, { 'api.json': JSON.stringify({ script: 'ünï.js' }), 'ünï.js': '' });
  const error = await rejectsWith('APP_FILE_INVALID', () => loadAppFile({ file: 'api.json', cwd: dir, env: cliEnv(dir) }));
  assert.match(error.message, /app "apps\[0\]": the default name "ünï" \(from the script\) is not a valid name: set "name" to 1-64 ASCII letters/);
});

test('args, env values and their counts are bounded', async (t) => {
  const long = 'x'.repeat(APP_LIMITS.stringLength + 1);
  const manyVariables = Object.fromEntries(Array.from({ length: APP_LIMITS.envVariables + 1 }, (_, i) => [`V${i}`, '1']));
  const issues = await refusal(t, {
    apps: [
      { name: 'a', script: 'a.js', args: [long] },
      { name: 'b', script: 'a.js', args: Array.from({ length: APP_LIMITS.listItems + 1 }, () => '1') },
      { name: 'c', script: 'a.js', env: { BIG: long } },
      { name: 'd', script: 'a.js', env: manyVariables },
      { name: 'e', script: long },
    ],
  });
  assert.deepEqual(issues.map((issue) => `${issue.app} ${issue.path}`), ['a args', 'b args', 'c env.BIG', 'd env', 'e script']);
  assert.match(issues[0]?.message ?? '', /at most 65536 characters/);
});

test('a resolved app over 1 MiB (here through the CLI environment it carries) is refused', async (t) => {
  const dir = tempProject(t, { 'api.json': JSON.stringify({ name: 'api', script: 'a.js' }), 'a.js': '' });
  const env = cliEnv(dir, Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`BLOB${i}`, 'x'.repeat(60_000)])));
  const error = await rejectsWith('APP_FILE_INVALID', () => loadAppFile({ file: 'api.json', cwd: dir, env }));
  assert.match(error.message, /^api\.json: app "api": the resolved app is \d+ bytes \(env, args and the CLI environment it carries\), more than 1048576$/);
});

test('a size past what a number holds exactly (max_memory_restart, log_max_size) is refused, as a string or as bytes', async (t) => {
  const issues = await refusal(t, { name: 'api', script: 'a.js', max_memory_restart: '9999999999G', log_max_size: 2 ** 53 });
  assert.deepEqual(issues.map((issue) => issue.path), ['log_max_size', 'max_memory_restart']);
  assert.match(issues[1]?.message ?? '', /^key "max_memory_restart" must be a number of bytes up to 9007199254740991 or a size string .* up to "8388607G", found "9999999999G"$/);
  const loaded = await loadJson(t, { name: 'api', script: 'a.js', max_memory_restart: '8388607G' });
  assert.equal(loaded.apps[0]?.max_memory_restart, 8388607 * 1024 ** 3);
});

test('paths, short values, exit codes, dependencies and probe headers are bounded', async (t) => {
  const path = `/${'p'.repeat(APP_LIMITS.pathLength)}`;
  const short = 'x'.repeat(APP_LIMITS.shortText + 1);
  const headers = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`x-h${i}`, '1']));
  const issues = await refusal(t, {
    apps: [
      { name: 'a', script: 'a.js', cwd: path, out_file: path, pid_file: path, interpreter: path },
      { name: 'b', script: 'a.js', cron_restart: `0 3 * * * ${short}`, stop_signal: short, log_date_format: short, instance_var: short },
      { name: 'c', script: 'a.js', stop_exit_codes: [256], depends_on: Object.fromEntries(Array.from({ length: APP_LIMITS.appsPerFile + 1 }, (_, i) => [`d${i}`, 'started'])) },
      { name: 'd', script: 'a.js', readiness_probe: { http_get: { port: 80, path, headers } }, liveness_probe: { exec: { command: 'x'.repeat(APP_LIMITS.stringLength + 1) } } },
    ],
  });
  assert.deepEqual(issues.map((issue) => `${issue.app} ${issue.path}`).sort(), [
    'a cwd',
    'a interpreter',
    'a out_file',
    'a pid_file',
    'b cron_restart',
    'b instance_var',
    'b log_date_format',
    'b stop_signal',
    'c depends_on',
    'c stop_exit_codes',
    'd liveness_probe.exec.command',
    'd readiness_probe.http_get.headers',
    'd readiness_probe.http_get.path',
  ]);
  assert.match(issues.find((issue) => issue.path === 'cron_restart')?.message ?? '', /a cron expression of at most 256 characters/);
});

test('log_max_age is an age, not a timer: "30d" is accepted, more ms than a number holds exactly is not', async (t) => {
  const loaded = await loadJson(t, { name: 'api', script: 'a.js', log_max_age: '30d' });
  assert.equal(loaded.apps[0]?.log_max_age, 30 * 86_400_000);
  const [issue] = await refusal(t, { name: 'api', script: 'a.js', log_max_age: '999999999999d' });
  assert.equal(issue?.path, 'log_max_age');
});
