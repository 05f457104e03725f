// Formats, searching and load failures: real files in temp folders, JS/TS evaluated for real.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { loadAppFile } from '../../src/apps/index.js';
import { cliEnv, issuesOf, rejectsWith, tempProject } from './helpers.js';

const CJS = '{ "type": "commonjs" }';

test('a .json file may hold comments, unquoted keys and trailing commas (parsed as JSON5, not evaluated)', async (t) => {
  const dir = tempProject(t, {
    'app.json': `{
      // the API
      apps: [{ name: 'api', script: 'server.js', /* inline */ instances: 2, },],
    }`,
  });
  const { apps, file } = await loadAppFile({ file: 'app.json', cwd: dir, env: cliEnv(dir) });
  assert.equal(file, path.join(dir, 'app.json'));
  assert.deepEqual(apps.map((app) => [app.name, app.script, app.instances]), [['api', path.join(dir, 'server.js'), 2]]);
});

test('a .json file holding one bare app object is one app', async (t) => {
  const dir = tempProject(t, { 'api.json': '{ "name": "api", "script": "server.js" }' });
  const { apps } = await loadAppFile({ file: 'api.json', cwd: dir, env: cliEnv(dir) });
  assert.deepEqual(apps.map((app) => app.name), ['api']);
});

test('YAML with apps as a single object', async (t) => {
  const dir = tempProject(t, { 'apps.yaml': 'apps:\n  name: py\n  script: main.py\n  args: [--verbose]\n' });
  const { apps } = await loadAppFile({ file: 'apps.yaml', cwd: dir, env: cliEnv(dir) });
  assert.equal(apps.length, 1);
  assert.deepEqual(apps[0]?.command, ['python3', path.join(dir, 'main.py'), '--verbose']);
});

test('a .cjs module.exports = { apps } file, using __dirname', async (t) => {
  const dir = tempProject(t, {
    'ecosystem.config.cjs': "module.exports = { apps: [{ name: 'api', script: 'server.js', cwd: require('path').join(__dirname, 'api') }] };",
  });
  const { apps } = await loadAppFile({ file: 'ecosystem.config.cjs', cwd: dir, env: cliEnv(dir) });
  assert.equal(apps[0]?.cwd, path.join(dir, 'api'));
  assert.deepEqual(apps[0]?.command, [process.execPath, path.join(dir, 'api', 'server.js')]);
});

test('a .js file in a CommonJS package exporting a bare array', async (t) => {
  const dir = tempProject(t, { 'package.json': CJS, 'apps.js': "module.exports = [{ script: 'a.js' }, { script: 'b.js' }];" });
  const { apps } = await loadAppFile({ file: 'apps.js', cwd: dir, env: cliEnv(dir) });
  assert.deepEqual(apps.map((app) => app.name), ['a', 'b']);
});

test('an .mjs file with export default', async (t) => {
  const dir = tempProject(t, { 'svctl.config.mjs': "export default { apps: [{ name: 'esm', script: 'index.mjs' }] };" });
  const { apps } = await loadAppFile({ file: 'svctl.config.mjs', cwd: dir, env: cliEnv(dir) });
  assert.deepEqual(apps.map((app) => [app.name, app.interpreter]), [['esm', 'node']]);
});

test('an .mjs file with export const apps (no default export)', async (t) => {
  const dir = tempProject(t, { 'ecosystem.config.mjs': "export const apps = [{ name: 'named', script: 'x.js' }];" });
  const { apps } = await loadAppFile({ file: 'ecosystem.config.mjs', cwd: dir, env: cliEnv(dir) });
  assert.deepEqual(apps.map((app) => app.name), ['named']);
});

test('a .ts file with types and export default, whose .ts script runs through node + tsx', async (t) => {
  const dir = tempProject(t, {
    'svctl.config.ts': [
      'interface App { name: string; script: string; instances?: number }',
      "const apps: App[] = [{ name: 'ts-api', script: 'src/server.ts', instances: 1 + 1 }];",
      'export default { apps };',
    ].join('\n'),
  });
  const { apps } = await loadAppFile({ file: 'svctl.config.ts', cwd: dir, env: cliEnv(dir) });
  const [app] = apps;
  assert.equal(app?.instances, 2);
  assert.equal(app?.interpreter, 'node');
  assert.equal(app?.command[0], process.execPath);
  assert.equal(app?.command[1], '--import');
  assert.match(app?.command[2] ?? '', /^file:.*tsx/);
  assert.equal(app?.command[3], path.join(dir, 'src/server.ts'));
});

test('a JS file sees the CLI environment as process.env and the CLI cwd as process.cwd()', async (t) => {
  const dir = tempProject(t, {
    'package.json': CJS,
    'ecosystem.config.js': "module.exports = { name: 'env', script: 'a.js', env: { FROM_CLI: process.env.ONLY_IN_CLI, CWD: process.cwd() } };",
  });
  const sub = path.join(dir, 'sub');
  (await import('node:fs')).mkdirSync(sub);
  const { apps } = await loadAppFile({ file: '../ecosystem.config.js', cwd: sub, env: cliEnv(dir, { ONLY_IN_CLI: 'from-cli' }) });
  assert.deepEqual(apps[0]?.env, { FROM_CLI: 'from-cli', CWD: sub });
});

test('a JS file that throws is APP_FILE_INVALID naming the file and the thrown message', async (t) => {
  const dir = tempProject(t, {
    'package.json': CJS,
    'ecosystem.config.js': "if (!require('fs').existsSync('.env.production')) throw new Error('.env.production is missing');\nmodule.exports = { apps: [] };",
  });
  const error = await rejectsWith('APP_FILE_INVALID', () => loadAppFile({ file: 'ecosystem.config.js', cwd: dir, env: cliEnv(dir) }));
  assert.match(error.message, /^ecosystem\.config\.js: cannot be loaded: Error: \.env\.production is missing \(ecosystem\.config\.js:1:57\)\n\n 1 \| if/);
  assert.equal(issuesOf(error).file, path.join(dir, 'ecosystem.config.js'));
});

test('a JS file that calls process.exit is APP_FILE_INVALID, and the caller survives', async (t) => {
  const dir = tempProject(t, { 'bad.cjs': "console.error('bailing out'); process.exit(3);" });
  const error = await rejectsWith('APP_FILE_INVALID', () => loadAppFile({ file: 'bad.cjs', cwd: dir, env: cliEnv(dir) }));
  assert.match(error.message, /exited \(code 3\) before exporting anything: bailing out/);
});

test('a JSON syntax error is APP_FILE_INVALID with the parser position', async (t) => {
  const dir = tempProject(t, { 'broken.json': '{ "name": "api", "script": }' });
  const error = await rejectsWith('APP_FILE_INVALID', () => loadAppFile({ file: 'broken.json', cwd: dir, env: cliEnv(dir) }));
  assert.match(error.message, /^broken\.json: cannot be loaded: JSON5: invalid character '}' at 1:28/);
});

test('a named file that does not exist is APP_FILE_NOT_FOUND', async (t) => {
  const dir = tempProject(t);
  const error = await rejectsWith('APP_FILE_NOT_FOUND', () => loadAppFile({ file: 'nope.json', cwd: dir, env: cliEnv(dir) }));
  assert.match(error.message, /nope\.json does not exist/);
});

test('without a file, the cwd is searched: svctl.config.* comes before ecosystem.config.*', async (t) => {
  const dir = tempProject(t, {
    'ecosystem.config.cjs': "module.exports = { apps: [{ name: 'from-ecosystem', script: 'a.js' }] };",
    'svctl.config.json': '{ "apps": [{ "name": "from-svctl", "script": "a.js" }] }',
  });
  const result = await loadAppFile({ cwd: dir, env: cliEnv(dir) });
  assert.equal(result.file, path.join(dir, 'svctl.config.json'));
  assert.deepEqual(result.apps.map((app) => app.name), ['from-svctl']);
});

test('without a file, a pm2 ecosystem.config.js is found', async (t) => {
  const dir = tempProject(t, { 'package.json': CJS, 'ecosystem.config.js': "module.exports = { apps: [{ name: 'pm2', script: 'a.js' }] };" });
  const result = await loadAppFile({ cwd: dir, env: cliEnv(dir) });
  assert.equal(result.file, path.join(dir, 'ecosystem.config.js'));
  assert.deepEqual(result.apps.map((app) => app.name), ['pm2']);
});

test('without a file, a "svctl" key in package.json is found', async (t) => {
  const dir = tempProject(t, { 'package.json': JSON.stringify({ name: 'x', svctl: { apps: [{ name: 'pkg', script: 'a.js' }] } }) });
  const result = await loadAppFile({ cwd: dir, env: cliEnv(dir) });
  assert.equal(result.file, path.join(dir, 'package.json'));
  assert.deepEqual(result.apps.map((app) => app.name), ['pkg']);
});

test('a folder named as the file is searched too', async (t) => {
  const dir = tempProject(t, { 'web/.svctlrc': "# YAML rc file\nname: rc\nscript: a.js\n" });
  const result = await loadAppFile({ file: 'web', cwd: dir, env: cliEnv(dir) });
  assert.equal(result.file, path.join(dir, 'web', '.svctlrc'));
  assert.equal(result.apps[0]?.cwd, path.join(dir, 'web'));
});

test('a search that finds nothing is APP_FILE_NOT_FOUND (a package.json without "svctl" does not count)', async (t) => {
  const dir = tempProject(t, { 'package.json': '{ "name": "plain" }' });
  const error = await rejectsWith('APP_FILE_NOT_FOUND', () => loadAppFile({ cwd: dir, env: cliEnv(dir) }));
  assert.match(error.message, /^no app file found in /);
  assert.match(error.hint ?? '', /ecosystem\.config\.js/);
});

test('a deploy-only file defines no apps', async (t) => {
  const dir = tempProject(t, { 'deploy.json': '{ "deploy": { "production": {} } }' });
  const error = await rejectsWith('APP_FILE_INVALID', () => loadAppFile({ file: 'deploy.json', cwd: dir, env: cliEnv(dir) }));
  assert.equal(error.message, 'deploy.json: the file defines no apps (only a deploy section)');
});

test('--only keeps the named apps in file order; a name the file lacks is APP_NOT_FOUND', async (t) => {
  const dir = tempProject(t, { 'apps.json': JSON.stringify({ apps: ['a', 'b', 'c'].map((name) => ({ name, script: `${name}.js` })) }) });
  const picked = await loadAppFile({ file: 'apps.json', cwd: dir, env: cliEnv(dir), only: ['c', 'a'] });
  assert.deepEqual(picked.apps.map((app) => app.name), ['a', 'c']);
  const error = await rejectsWith('APP_NOT_FOUND', () => loadAppFile({ file: 'apps.json', cwd: dir, env: cliEnv(dir), only: ['a', 'zz'] }));
  assert.equal(error.message, 'apps.json: --only names "zz", which the file does not define (it defines "a", "b", "c")');
});
