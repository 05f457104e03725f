// The packages must install the way users get them: packed, then `npm install -g` into an empty prefix.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { freePort } from '../health/health-helpers.js';
import { makeHome } from '../helpers/home.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { waitFor } from '../helpers/wait.js';

it('npm pack of the three packages installed with npm install -g gives a working svctl, svctld and svctl-runtime', async (t) => {
  const work = fs.mkdtempSync('/tmp/svctl-pack-');
  t.after(() => fs.rmSync(work, { recursive: true, force: true }));
  const tarballs = ['protocol', 'daemon', 'cli'].map((name) => {
    const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: path.join(REPO_ROOT, 'packages', name), encoding: 'utf8' });
    return path.join(work, out.trim().split('\n').pop() ?? '');
  });
  const prefix = path.join(work, 'prefix');
  const install = spawnSync('npm', ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', ...tarballs], { encoding: 'utf8' });
  assert.equal(install.status, 0, install.stderr);
  const home = makeHome(t);
  // The gateway on (plain HTTP on loopback, public metrics): the API docs, the /docs page files and the
  // lazily loaded metrics bundle must be in the package.
  const port = await freePort();
  const env = { ...process.env, SVCTL_HOME: home, PATH: `${path.join(prefix, 'bin')}:${process.env.PATH}`, SVCTL_HTTP: `127.0.0.1:${port}`, SVCTL_HTTP_METRICS_PUBLIC: 'true' };
  const version = spawnSync(path.join(prefix, 'bin', 'svctld'), ['--version'], { env, encoding: 'utf8' });
  assert.equal(version.stdout.trim(), '0.1.0', version.stderr);
  const ping = spawnSync(path.join(prefix, 'bin', 'svctl'), ['ping', '--json'], { env, encoding: 'utf8' });
  assert.equal(ping.status, 0, ping.stderr);
  const info = JSON.parse(ping.stdout) as { home: string; pid: number };
  assert.equal(info.home, home);
  // The autostarted daemon is the installed one, not the workspace's.
  assert.match(fs.readFileSync(`/proc/${info.pid}/cmdline`, 'utf8'), new RegExp(prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  // The installed daemon loads app files through its bundled loader process and runs the app.
  const appDir = path.join(work, 'app');
  fs.mkdirSync(appDir);
  fs.writeFileSync(path.join(appDir, 'idle.js'), 'console.log("idle app up");\nsetInterval(() => {}, 60000);\n');
  fs.writeFileSync(path.join(appDir, 'apps.json'), '{ apps: [{ name: "idle", script: "idle.js" }] } // JSON5\n');
  const start = spawnSync(path.join(prefix, 'bin', 'svctl'), ['start', path.join(appDir, 'apps.json')], { env, encoding: 'utf8' });
  assert.equal(start.status, 0, start.stderr);
  const list = spawnSync(path.join(prefix, 'bin', 'svctl'), ['list', '--json'], { env, encoding: 'utf8' });
  const rows = JSON.parse(list.stdout) as Array<{ app: string; status: string }>;
  assert.deepEqual(rows.map((row) => [row.app, row.status]), [['idle', 'online']]);
  // logs --grep runs the lazily loaded log-search chunk (dist/log-search.mjs) of the installed daemon.
  const found = await waitFor('the app line found by svctl logs --grep', () => {
    const grep = spawnSync(path.join(prefix, 'bin', 'svctl'), ['logs', 'idle', '--grep', 'app up'], { env, encoding: 'utf8' });
    assert.equal(grep.status, 0, grep.stderr);
    return /idle app up/.test(grep.stdout) && grep.stdout;
  }, { timeoutMs: 30_000, intervalMs: 250 });
  assert.match(found, /idle app up/);
  // The package carries the API documents and the /docs page (dist/api-docs).
  for (const route of ['/openrpc.json', '/openapi.json', '/docs', '/docs/init.js', '/docs/swagger-ui-bundle.js', '/docs/swagger-ui.css']) {
    assert.equal((await fetch(`http://127.0.0.1:${port}${route}`)).status, 200, route);
  }
  const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
  assert.equal(metrics.status, 200);
  assert.match(await metrics.text(), /^svctl_instance_up\{app="idle",instance="0",namespace="default"\} 1$/m);
  // svctl-runtime comes with @svctl/cli (as pm2-runtime with pm2) and runs the installed daemon's runtime.
  fs.writeFileSync(path.join(appDir, 'job.json'), JSON.stringify({ apps: [{ name: 'job', script: process.execPath, args: ['-e', 'console.log("done"); process.exit(3)'], autorestart: false }] }));
  const runtime = spawnSync(path.join(prefix, 'bin', 'svctl-runtime'), [path.join(appDir, 'job.json')], { env: { ...env, SVCTL_HOME: makeHome(t), SVCTL_HTTP: '' }, encoding: 'utf8', timeout: 60_000 });
  assert.equal(runtime.status, 3, runtime.stderr);
  assert.match(runtime.stdout, /^job \| done$/m);
  const stop = spawnSync(path.join(prefix, 'bin', 'svctl'), ['daemon', 'stop'], { env, encoding: 'utf8' });
  assert.equal(stop.status, 0, stop.stderr);
});
