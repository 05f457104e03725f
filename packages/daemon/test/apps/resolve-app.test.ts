// From an entry as written to the resolved AppSpec: aliases, env, paths, numbers, the exact argv.
import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { type AppSpec, AppSpecSchema, compileValidator, type LoadRequest } from '@svctl/protocol';
import { loadAppFile } from '../../src/apps/index.js';
import { cliEnv, issuesOf, rejectsWith, tempProject } from './helpers.js';

async function loadOne(t: TestContext, app: Record<string, unknown>, files: Record<string, string> = {}, request: Partial<LoadRequest> = {}) {
  const dir = tempProject(t, { 'app.json': JSON.stringify(app), ...files });
  const result = await loadAppFile({ file: 'app.json', cwd: dir, env: cliEnv(dir), ...request });
  return { dir, result, spec: result.apps[0] as AppSpec };
}

test('defaults: namespace, restart policy, signal, and the name from the script', async (t) => {
  const { dir, spec } = await loadOne(t, { script: 'server.js' });
  assert.deepEqual(spec, {
    name: 'server',
    namespace: 'default',
    script: path.join(dir, 'server.js'),
    args: [],
    interpreter: 'node',
    interpreter_args: [],
    command: [process.execPath, path.join(dir, 'server.js')],
    shell: false,
    cwd: dir,
    env: {},
    base_env: cliEnv(dir),
    env_name: null,
    instances: 1,
    autorestart: true,
    stop_exit_codes: [],
    max_restarts: 16,
    min_uptime: 1000,
    restart_delay: null,
    exp_backoff_restart_delay: null,
    kill_timeout: 5000,
    stop_signal: 'SIGTERM',
    source_file: path.join(dir, 'app.json'),
    cluster_requested: false,
    exec_mode: 'fork',
    exec_mode_reason: 'the default (neither exec_mode nor instances set)',
  });
  assert.deepEqual(compileValidator(AppSpecSchema)(spec), []);
});

test('pm2 aliases become canonical keys; the canonical key wins, with a warning', async (t) => {
  const { dir, spec, result } = await loadOne(t, {
    name: 'api',
    script: 'app.rb',
    out: 'out.log',
    err: 'err.log',
    log: 'all.log',
    exec_interpreter: 'ruby3',
    node_args: '--yjit',
    combine_logs: true,
    cron: '0 3 * * *',
    pid: 'api.pid',
    error: 'ignored.log',
    error_file: 'wins.log',
  });
  assert.equal(spec.out_file, path.join(dir, 'out.log'));
  assert.equal(spec.error_file, path.join(dir, 'wins.log'));
  assert.equal(spec.log_file, path.join(dir, 'all.log'));
  assert.equal(spec.merge_logs, true);
  assert.equal(spec.cron_restart, '0 3 * * *');
  assert.equal(spec.pid_file, path.join(dir, 'api.pid'));
  assert.deepEqual(spec.command, ['ruby3', '--yjit', path.join(dir, 'app.rb')]);
  assert.deepEqual(result.warnings, [
    'app.json: app "api": key "error" is ignored because "error_file" is also set',
    'app.json: app "api": key "err" is ignored because "error_file" is also set',
  ]);
  assert.deepEqual(compileValidator(AppSpecSchema)(spec), []);
});

test('env values become strings; env_<name> applies on top with --env; the CLI env is base_env', async (t) => {
  const app = { name: 'api', script: 'a.js', env: { PORT: 3000, DEBUG: false, NODE_ENV: 'development' }, env_production: { NODE_ENV: 'production' } };
  const plain = await loadOne(t, app);
  assert.deepEqual(plain.spec.env, { PORT: '3000', DEBUG: 'false', NODE_ENV: 'development' });
  assert.equal(plain.spec.env_name, null);
  const production = await loadOne(t, app, {}, { envName: 'production' });
  assert.deepEqual(production.spec.env, { PORT: '3000', DEBUG: 'false', NODE_ENV: 'production' });
  assert.equal(production.spec.env_name, 'production');
  assert.deepEqual(production.spec.base_env, cliEnv(production.dir));
});

test('--env with a name no app defines is a warning', async (t) => {
  const { result } = await loadOne(t, { name: 'api', script: 'a.js' }, {}, { envName: 'staging' });
  assert.deepEqual(result.warnings, ['app.json: no app defines "env_staging", so --env staging changes nothing']);
});

test('env_file (relative to the app cwd) comes under env and env_<name>', async (t) => {
  const { dir, spec } = await loadOne(
    t,
    { name: 'api', script: 'a.js', cwd: 'srv', env_file: '.env', env: { B: 'from-env' }, env_production: { C: 'from-production' } },
    { 'srv/.env': 'A=from-file\nB=from-file\nC=from-file\n# comment\nQUOTED="two words"\n' },
    { envName: 'production' },
  );
  assert.deepEqual(spec.env, { A: 'from-file', B: 'from-env', C: 'from-production', QUOTED: 'two words' });
  assert.equal(spec.env_file, path.join(dir, 'srv', '.env'));
});

test('a missing env_file is APP_FILE_INVALID naming it', async (t) => {
  const dir = tempProject(t, { 'app.json': JSON.stringify({ name: 'api', script: 'a.js', env_file: '.env.production' }) });
  const error = await rejectsWith('APP_FILE_INVALID', () => loadAppFile({ file: 'app.json', cwd: dir, env: cliEnv(dir) }));
  assert.equal(error.message, `app.json: app "api": env_file ${path.join(dir, '.env.production')} does not exist`);
  assert.equal(issuesOf(error).errors[0]?.path, 'env_file');
});

test('instances: numbers, numeric strings, "max", 0 and negatives', async (t) => {
  const cpus = os.availableParallelism();
  const forms: Array<[unknown, number]> = [[3, 3], ['4', 4], ['max', cpus], [0, cpus], [-1, Math.max(1, cpus - 1)], [-64, 1]];
  const dir = tempProject(t, { 'apps.json': JSON.stringify({ apps: forms.map(([instances], i) => ({ name: `a${i}`, script: 'a.js', instances })) }) });
  const { apps } = await loadAppFile({ file: 'apps.json', cwd: dir, env: cliEnv(dir) });
  assert.deepEqual(apps.map((app) => app.instances), forms.map(([, expected]) => expected));
});

test('durations take ms or unit strings; sizes take bytes or K/M/G strings', async (t) => {
  const { spec } = await loadOne(t, {
    name: 'api',
    script: 'a.js',
    min_uptime: '10s',
    restart_delay: 2500,
    exp_backoff_restart_delay: '100ms',
    kill_timeout: '1.5m',
    listen_timeout: '3s',
    watch_delay: 200,
    max_memory_restart: '200M',
    stop_exit_codes: 0,
  });
  assert.deepEqual(
    [spec.min_uptime, spec.restart_delay, spec.exp_backoff_restart_delay, spec.kill_timeout, spec.listen_timeout, spec.watch_delay, spec.max_memory_restart],
    [10_000, 2500, 100, 90_000, 3000, 200, 200 * 1024 * 1024],
  );
  assert.deepEqual(spec.stop_exit_codes, [0]);
});

test('~ expands to the CLI HOME in cwd, script, interpreter, log paths and env_file', async (t) => {
  const home = tempProject(t, { 'cfg/.env': 'X=1' });
  const { spec } = await loadOne(
    t,
    { name: 'api', script: '~/apps/server.py', cwd: '~/work', interpreter: '~/venv/bin/python', out_file: '~/logs/out.log', env_file: '~/cfg/.env' },
    {},
    { env: cliEnv(home) },
  );
  assert.equal(spec.cwd, path.join(home, 'work'));
  assert.deepEqual(spec.command, [path.join(home, 'venv/bin/python'), path.join(home, 'apps/server.py')]);
  assert.equal(spec.out_file, path.join(home, 'logs/out.log'));
  assert.deepEqual(spec.env, { X: '1', PYTHONUNBUFFERED: '1' });
});

test('cwd resolves against the file\'s folder (not the CLI cwd); scripts and logs against the app cwd', async (t) => {
  const dir = tempProject(t, { 'deploy/app.json': JSON.stringify({ name: 'api', script: 'dist/main.js', cwd: '../srv', out_file: 'logs/out.log' }) });
  const { apps } = await loadAppFile({ file: 'deploy/app.json', cwd: dir, env: cliEnv(dir) });
  assert.equal(apps[0]?.cwd, path.join(dir, 'srv'));
  assert.equal(apps[0]?.script, path.join(dir, 'srv/dist/main.js'));
  assert.equal(apps[0]?.out_file, path.join(dir, 'srv/logs/out.log'));
});

test('a script with spaces runs through /bin/sh -c, with args quoted onto the line', async (t) => {
  const { spec } = await loadOne(t, { name: 'web', script: 'npm run start:prod', args: ["it's", 'ok'] });
  assert.equal(spec.shell, true);
  assert.equal(spec.interpreter, null);
  assert.deepEqual(spec.command, ['/bin/sh', '-c', "npm run start:prod 'it'\\''s' ok"]);
});

test('a bare command with string args runs directly, found on PATH at spawn; args split quote-aware', async (t) => {
  const { spec } = await loadOne(t, { script: 'npm', args: ' run "dev server" --port=3000' });
  assert.equal(spec.name, 'npm');
  assert.equal(spec.shell, false);
  assert.deepEqual(spec.command, ['npm', 'run', 'dev server', '--port=3000']);
});

test('interpreter inference by extension, and interpreter "none"', async (t) => {
  const dir = tempProject(t, {
    'apps.json': JSON.stringify({
      apps: [
        { name: 'py', script: 'main.py' },
        { name: 'sh', script: 'run.sh', interpreter_args: ['-e'] },
        { name: 'cjs', script: 'x.cjs', node_args: '--max-old-space-size=1024' },
        { name: 'own', script: 'bin/tool', interpreter: 'none' },
        { name: 'www', script: './bin/www' },
      ],
    }),
  });
  const { apps } = await loadAppFile({ file: 'apps.json', cwd: dir, env: cliEnv(dir) });
  assert.deepEqual(
    apps.map((app) => app.command),
    [
      ['python3', path.join(dir, 'main.py')],
      ['bash', '-e', path.join(dir, 'run.sh')],
      [process.execPath, '--max-old-space-size=1024', path.join(dir, 'x.cjs')],
      [path.join(dir, 'bin/tool')],
      // An extensionless file that is not executable runs with node, as in pm2.
      [process.execPath, path.join(dir, 'bin/www')],
    ],
  );
});

test('shell: true on a plain script quotes the whole line', async (t) => {
  const { dir, spec } = await loadOne(t, { name: 'api', script: 'server.js', args: ['a b'], shell: true });
  assert.deepEqual(spec.command, ['/bin/sh', '-c', `${process.execPath} ${path.join(dir, 'server.js')} 'a b'`]);
});

test('cluster_requested follows pm2: exec_mode cluster, or instances without exec_mode on a node app', async (t) => {
  const dir = tempProject(t, {
    'apps.json': JSON.stringify({
      apps: [
        { name: 'inferred', script: 'a.js', instances: 'max' },
        { name: 'explicit', script: 'npm', args: 'start', exec_mode: 'cluster' },
        { name: 'fork', script: 'a.js', instances: 2, exec_mode: 'fork' },
        { name: 'python', script: 'a.py', instances: 2 },
      ],
    }),
  });
  const { apps } = await loadAppFile({ file: 'apps.json', cwd: dir, env: cliEnv(dir) });
  assert.deepEqual(apps.map((app) => [app.name, app.cluster_requested]), [['inferred', true], ['explicit', true], ['fork', false], ['python', false]]);
});

test('later-issue keys are normalised and carried', async (t) => {
  const { spec } = await loadOne(t, { name: 'api', script: 'a.js', watch: 'src', ignore_watch: 'node_modules', log_date_format: false, time: true, log_type: 'json', wait_ready: true });
  assert.deepEqual(spec.watch, ['src']);
  assert.deepEqual(spec.ignore_watch, ['node_modules']);
  assert.equal('log_date_format' in spec, false);
  assert.deepEqual([spec.time, spec.log_type, spec.wait_ready], [true, 'json', true]);
  assert.deepEqual(compileValidator(AppSpecSchema)(spec), []);
});

test('Python apps get PYTHONUNBUFFERED=1 (inferred, declared or run directly) unless the app or the shell sets it; others get nothing', async (t) => {
  const envOf = async (app: Record<string, unknown>, request: Partial<LoadRequest> = {}) => (await loadOne(t, app, {}, request)).spec.env;
  assert.deepEqual(await envOf({ script: 'worker.py' }), { PYTHONUNBUFFERED: '1' });
  assert.deepEqual(await envOf({ script: 'worker', interpreter: 'python3.11' }), { PYTHONUNBUFFERED: '1' });
  assert.deepEqual(await envOf({ script: 'job.py', interpreter: './venv/bin/python' }), { PYTHONUNBUFFERED: '1' });
  assert.deepEqual(await envOf({ script: 'python3', args: ['-m', 'http.server'] }), { PYTHONUNBUFFERED: '1' });
  assert.deepEqual(await envOf({ script: 'worker.py', env: { PYTHONUNBUFFERED: '' } }), { PYTHONUNBUFFERED: '' });
  const dir = tempProject(t);
  assert.deepEqual(await envOf({ script: 'worker.py' }, { env: { ...cliEnv(dir), PYTHONUNBUFFERED: '0' } }), {});
  assert.deepEqual(await envOf({ script: 'server.js' }), {});
  assert.deepEqual(await envOf({ script: 'python3 worker.py' }), {});
});
