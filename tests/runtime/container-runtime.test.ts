// svctl-runtime as a container's main process (issue 15 item 3, docs/runtime.md): PID 1 of a new PID
// namespace (unshare), real apps, real signals, the real socket.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { DAEMON_ENV, DAEMON_NODE_FLAGS } from '@svctl/protocol';
import { writeAppFile, listInstances } from '../helpers/apps.js';
import { runCli } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { FIXTURES } from '../helpers/paths.js';
import { childrenOf, findProcess, insideRuntime, runRuntimeToExit, startRuntime, stateOf } from '../helpers/runtime.js';
import { waitFor } from '../helpers/wait.js';

function fixture(name: string): string {
  return path.join(FIXTURES, name);
}

/** An app file of one app: `node FIXTURE`, with extra keys. */
function oneApp(t: TestContext, name: string, script: string, keys: Record<string, unknown> = {}): string {
  return writeAppFile(t, { apps: [{ name, script: fixture(script), ...keys }] });
}

describe('svctl-runtime as PID 1', () => {
  it('stops the apps gracefully on SIGTERM and exits 0; one killed after its kill_timeout makes it 128+15', async (t) => {
    const home = makeHome(t);
    const runtime = await startRuntime(t, { home, args: [oneApp(t, 'api', 'graceful.js')] });
    await waitFor('the app to be up', () => runtime.stdout().includes('api | up'));
    process.kill(runtime.pid1, 'SIGTERM');
    assert.equal(await runtime.exited, 0, runtime.stderr());
    assert.match(runtime.stdout(), /^api \| graceful stop$/m);
    assert.match(runtime.stderr(), /exit code 0/);

    const stubborn = await startRuntime(t, { home: makeHome(t), args: [oneApp(t, 'stubborn', 'ignore-sigterm.js', { kill_timeout: 300 })] });
    await waitFor('the stubborn app to be up', () => stubborn.stdout().includes('grandchild'));
    process.kill(stubborn.pid1, 'SIGTERM');
    assert.equal(await stubborn.exited, 143, stubborn.stderr());
  });

  for (const init of ['tini', 'sh'] as const) {
    it(`leaves no zombie when an app's orphaned grandchild exits (PID 1: ${init})`, async (t) => {
      const home = makeHome(t);
      const release = path.join(home, `release-${init}`);
      const file = oneApp(t, 'maker', 'orphan-maker.js', { env: { ORPHAN_RELEASE: release } });
      const runtime = await startRuntime(t, { home, args: [file], env: { SVCTL_RUNTIME_INIT: init } });
      await waitFor('the orphan to be started', () => runtime.stdout().includes('maker | orphan started'));
      const orphan = await waitFor('the orphan process', () => findProcess(release));
      // Reparented to the namespace's PID 1: only PID 1 can reap it.
      assert.ok(childrenOf(runtime.pid1).includes(orphan), `the orphan ${orphan} is a child of PID 1 (${runtime.pid1}): ${childrenOf(runtime.pid1).join(' ')}`);
      fs.writeFileSync(release, '');
      await waitFor('the orphan to be reaped (gone from /proc, not a zombie)', () => stateOf(orphan) === undefined, { timeoutMs: 20_000 });
      process.kill(runtime.pid1, 'SIGTERM');
      assert.equal(await runtime.exited, 0, runtime.stderr());
    });
  }

  it('without a reaper (SVCTL_RUNTIME_INIT=none, node as PID 1) the orphan stays a zombie: the check above can fail', async (t) => {
    const home = makeHome(t);
    const release = path.join(home, 'release-none');
    const file = oneApp(t, 'maker', 'orphan-maker.js', { env: { ORPHAN_RELEASE: release } });
    const runtime = await startRuntime(t, { home, args: [file], env: { SVCTL_RUNTIME_INIT: 'none' } });
    await waitFor('the orphan to be started', () => runtime.stdout().includes('maker | orphan started'));
    const orphan = await waitFor('the orphan process', () => findProcess(release));
    assert.ok(childrenOf(runtime.pid1).includes(orphan));
    fs.writeFileSync(release, '');
    await waitFor('the orphan to become a zombie', () => stateOf(orphan) === 'Z');
    process.kill(runtime.pid1, 'SIGTERM');
    assert.equal(await runtime.exited, 0, runtime.stderr());
  });

  it('exits 3 when its single app exits 3 with autorestart false', async (t) => {
    // A shell writes with blocking writes (a node app's stdio is non-blocking and may lose lines at exit).
    const script = "echo working; seq 0 19999 | sed 's/^/last words /' >&2; exit 3";
    const file = writeAppFile(t, { apps: [{ name: 'job', script: '/bin/sh', args: ['-c', script], interpreter: 'none', autorestart: false }] });
    const result = await runRuntimeToExit({ home: makeHome(t), args: [file] });
    assert.equal(result.code, 3, result.stderr);
    assert.match(result.stdout, /^job \| working$/m);
    assert.match(result.stderr, /every app has ended for good/);
    // Its last lines, still in its pipes when it exited, are written before the runtime exits.
    assert.match(result.stderr, /^job \| last words 19999$/m);
  });

  it('exits with the code of the app that failed first, and 128+signal for one a signal ended', async (t) => {
    const home = makeHome(t);
    const done = path.join(home, 'first-done');
    // `later` fails only once `first` has written its file and killed itself: the order is certain.
    const later = `setInterval(() => require('node:fs').existsSync(${JSON.stringify(done)}) && setTimeout(() => process.exit(5), 200), 50)`;
    const file = writeAppFile(t, {
      apps: [
        { name: 'first', script: process.execPath, args: ['-e', `require('node:fs').writeFileSync(${JSON.stringify(done)}, ''); process.kill(process.pid, 'SIGKILL')`], autorestart: false },
        { name: 'later', script: process.execPath, args: ['-e', later], autorestart: false },
        { name: 'fine', script: process.execPath, args: ['-e', 'process.exit(0)'], autorestart: false },
      ],
    });
    const result = await runRuntimeToExit({ home, args: [file] });
    assert.equal(result.code, 128 + 9, result.stderr);
  });

  it('writes every app line prefixed with the app name, serves `svctl list` and `svctl kill` over its socket, and exits 2 for a bad file', async (t) => {
    const home = makeHome(t);
    const runtime = await startRuntime(t, { home, args: [oneApp(t, 'api', 'graceful.js')] });
    await waitFor('both lines', () => runtime.stdout().includes('api | up') && runtime.stderr().includes('api | a line on stderr'));
    assert.doesNotMatch(runtime.stdout(), /a line on stderr/);
    // The runtime (under tini, PID 1) runs with the daemon's node flags and environment, as svctld does.
    const node = childrenOf(runtime.pid1)[0] ?? 0;
    const words = fs.readFileSync(`/proc/${node}/cmdline`, 'utf8').split('\0');
    assert.deepEqual(words.filter((word) => DAEMON_NODE_FLAGS.includes(word)), [...DAEMON_NODE_FLAGS], words.join(' '));
    const environ = fs.readFileSync(`/proc/${node}/environ`, 'utf8').split('\0');
    for (const [name, value] of Object.entries(DAEMON_ENV)) assert.ok(environ.includes(`${name}=${value}`), name);
    // As `docker exec CONTAINER svctl ...`: the CLI in the runtime's namespaces.
    const exec = { home, under: insideRuntime(runtime) };
    const rows = await listInstances(exec);
    assert.deepEqual(
      rows.map((row) => [row.app, row.status]),
      [['api', 'online']],
    );
    // `docker exec ... svctl kill` stops the apps and the runtime as SIGTERM does. Its own code is not checked:
    // the namespace ends with its PID 1, and the exec'd CLI may be killed with it before it exits.
    const kill = await runCli(['kill'], exec);
    assert.match(kill.stdout, /stopping the daemon/, kill.stderr);
    assert.equal(await runtime.exited, 0, runtime.stderr());
    assert.match(runtime.stdout(), /^api \| graceful stop$/m);

    const bad = writeAppFile(t, { apps: [{ name: 'api', script: fixture('graceful.js'), instances: 'many' }] });
    const failed = await runRuntimeToExit({ home: makeHome(t), args: [bad] });
    assert.equal(failed.code, 2, failed.stderr);
    assert.match(failed.stderr, /instances/);
  });

  it('writes JSON lines with --json: app, instance, stream, time, line', async (t) => {
    const file = writeAppFile(t, { apps: [{ name: 'job', script: process.execPath, args: ['-e', "console.log('out line'); console.error('err line')"], autorestart: false }] });
    const result = await runRuntimeToExit({ home: makeHome(t), args: [file, '--json'] });
    assert.equal(result.code, 0, result.stderr);
    const parse = (text: string) => text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
    const out = parse(result.stdout);
    assert.deepEqual(out.map(({ app, instance, stream, line }) => ({ app, instance, stream, line })), [{ app: 'job', instance: 0, stream: 'out', line: 'out line' }]);
    assert.ok(!Number.isNaN(Date.parse(String(out[0]?.time))));
    const err = parse(result.stderr);
    assert.ok(err.some((entry) => entry.app === 'job' && entry.stream === 'err' && entry.line === 'err line'), result.stderr);
    assert.ok(err.some((entry) => entry.app === null && entry.line === 'exit code 0'), result.stderr);
  });

  it('starts only the --only apps of the file, with the env_<NAME> block of --env', async (t) => {
    const print = { script: process.execPath, args: ['-e', 'console.log(process.env.MODE)'], autorestart: false, env: { MODE: 'default' }, env_production: { MODE: 'production' } };
    const file = writeAppFile(t, { apps: [{ name: 'a', ...print }, { name: 'b', ...print }] });
    const result = await runRuntimeToExit({ home: makeHome(t), args: [file, '--only', 'b', '--env', 'production'] });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, 'b | production\n');
  });
});
