// svctl --host https://... --token-file ...: the CLI's commands over the gateway's WebSocket.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { isOnline, startOk, waitForInstances } from '../helpers/apps.js';
import { runCli, runCliJson, spawnCli } from '../helpers/cli.js';
import { createToken, startGatewayDaemon, type GatewayDaemon } from '../helpers/gateway.js';
import { makeHome } from '../helpers/home.js';
import { FIXTURES } from '../helpers/paths.js';
import { isAlive, waitFor } from '../helpers/wait.js';

/** stderr without the --insecure warning, which only the remote run prints. */
const withoutWarning = (stderr: string) => stderr.split('\n').filter((line) => !line.startsWith('svctl: warning: --insecure')).join('\n');

/** A gateway daemon, and a client home with no daemon holding a token file (ops, of the role) for it. */
async function remoteClient(t: TestContext, role: 'read' | 'admin'): Promise<{ gateway: GatewayDaemon; dir: string; tokenFile: string }> {
  const gateway = await startGatewayDaemon(t);
  const dir = makeHome(t);
  const tokenFile = path.join(dir, 'ops.token');
  fs.writeFileSync(tokenFile, await createToken(gateway.home, 'ops', role), { mode: 0o600 });
  return { gateway, dir, tokenFile };
}

describe('the remote CLI', () => {
  it('lists and restarts apps over WSS with the same output and exit codes; a read token gets FORBIDDEN (exit 1)', async (t) => {
    const gateway = await startGatewayDaemon(t);
    await startOk([path.join(FIXTURES, 'forever.js'), '--name', 'web'], { home: gateway.home });
    const [before] = await waitForInstances({ home: gateway.home }, 'web', isOnline, 1);
    const dir = makeHome(t); // a client home with no daemon: nothing may be autostarted there
    const adminFile = path.join(dir, 'admin.token');
    fs.writeFileSync(adminFile, `${await createToken(gateway.home, 'ops', 'admin')}\n`);
    const readFile = path.join(dir, 'read.token');
    fs.writeFileSync(readFile, await createToken(gateway.home, 'viewer', 'read'));
    const remote = (tokenFile: string) => ['--host', `https://127.0.0.1:${gateway.port}`, '--token-file', tokenFile, '--insecure'];

    const { result, json } = await runCliJson<Array<{ app: string; pid: number }>>([...remote(readFile), 'list'], { home: dir });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(json.map((row) => [row.app, row.pid]), [['web', before?.pid]]);
    assert.match(result.stderr, /warning: --insecure/);

    const refused = await runCli([...remote(readFile), 'restart', 'web'], { home: dir });
    assert.equal(refused.code, 1, refused.stderr);
    assert.match(refused.stderr, /may not call apps\.restart/);

    const restarted = await runCli([...remote(adminFile), 'restart', 'web'], { home: dir });
    assert.equal(restarted.code, 0, restarted.stderr);
    await waitForInstances({ home: gateway.home }, 'web', (row) => isOnline(row) && row.pid !== before?.pid, 1);
    assert.ok(!fs.existsSync(path.join(dir, 'daemon.pid')), 'no local daemon was started');
  });

  it('follows logs over WSS (a line the app writes afterwards appears) until Ctrl-C, and a missing app exits as it does locally', async (t) => {
    const gateway = await startGatewayDaemon(t);
    await startOk([path.join(FIXTURES, 'stamp-lines.js'), '--name', 'api'], { home: gateway.home, env: { INTERVAL_MS: '200' } });
    await waitForInstances({ home: gateway.home }, 'api', isOnline, 1);
    const dir = makeHome(t);
    const tokenFile = path.join(dir, 'ops.token');
    fs.writeFileSync(tokenFile, await createToken(gateway.home, 'ops', 'admin'));
    const remote = ['--host', `https://127.0.0.1:${gateway.port}`, '--token-file', tokenFile, '--insecure'];

    const startedAt = Date.now();
    const follower = spawnCli(t, [...remote, 'logs', 'api', '--follow', '--lines', '0'], { home: dir });
    const written = await waitFor('a line written after the follower started', () => follower.lines.find((line) => Number(/^api\| stamp (\d+) /.exec(line)?.[1]) >= startedAt), { timeoutMs: 30_000 });
    assert.match(written, /^api\| stamp \d+ \d+ \d+$/);
    follower.kill('SIGINT');
    assert.equal(await follower.exited, 0, follower.stderr());
    assert.equal(withoutWarning(follower.stderr()), '');

    for (const command of [['restart', 'nope'], ['logs', 'nope', '--lines', '1'], ['stop', 'nope']]) {
      const local = await runCli(command, { home: gateway.home });
      const over = await runCli([...remote, ...command], { home: dir });
      assert.equal(local.code, 1, local.stderr);
      assert.deepEqual([over.code, withoutWarning(over.stderr), over.stdout], [local.code, local.stderr, local.stdout], command.join(' '));
    }
    assert.ok(!fs.existsSync(path.join(dir, 'daemon.pid')), 'no local daemon was started');
  });

  it('exits 2 with UNAUTHORIZED for an unknown token', async (t) => {
    const gateway = await startGatewayDaemon(t);
    const dir = makeHome(t);
    fs.writeFileSync(path.join(dir, 'bad.token'), 'svctl_nope');
    const result = await runCli(['--host', `https://127.0.0.1:${gateway.port}`, '--token-file', path.join(dir, 'bad.token'), '--insecure', 'list'], { home: dir });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /HTTP 401/);
  });

  it('without --insecure refuses a certificate it cannot verify, saying how to trust it (exit 3); NODE_EXTRA_CA_CERTS trusts it with no warning', async (t) => {
    const { gateway, dir, tokenFile } = await remoteClient(t, 'read');
    const remote = ['--host', `https://127.0.0.1:${gateway.port}`, '--token-file', tokenFile, 'ping'];
    const untrusted = await runCli(remote, { home: dir, env: { NODE_EXTRA_CA_CERTS: undefined } });
    assert.equal(untrusted.code, 3, untrusted.stderr);
    assert.match(untrusted.stderr, /cannot connect to wss:\/\/127\.0\.0\.1:\d+\/ws: \w+/);
    assert.match(untrusted.stderr, /hint: .*NODE_EXTRA_CA_CERTS=ca\.pem.*--insecure/);
    const trusted = await runCli(remote, { home: dir, env: { NODE_EXTRA_CA_CERTS: gateway.tls.cert } });
    assert.equal(trusted.code, 0, trusted.stderr);
    assert.match(trusted.stdout, /^pong: svctld /);
    assert.doesNotMatch(trusted.stderr, /warning/);
    const empty = path.join(dir, 'empty.token');
    fs.writeFileSync(empty, '\n', { mode: 0o600 });
    const noToken = await runCli(['--host', `https://127.0.0.1:${gateway.port}`, '--token-file', empty, 'ping'], { home: dir });
    assert.equal(noToken.code, 2, noToken.stderr);
    assert.match(noToken.stderr, /the token file .*empty\.token is empty/);
  });

  it('refuses with --host the commands that start or install a daemon on this machine (exit 2, nothing started here); kill waits for the remote daemon', async (t) => {
    const { gateway, dir, tokenFile } = await remoteClient(t, 'admin');
    const remote = ['--host', `https://127.0.0.1:${gateway.port}`, '--token-file', tokenFile, '--insecure'];
    for (const command of [['daemon', 'start'], ['daemon', 'restart'], ['update'], ['startup'], ['unstartup', '--unit-dir', dir]]) {
      const result = await runCli([...remote, ...command], { home: dir });
      assert.equal(result.code, 2, `${command.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, new RegExp(`svctl ${command.slice(0, command[0] === 'daemon' ? 2 : 1).join(' ')} acts on this machine, not on https://127\\.0\\.0\\.1:\\d+\\nhint: run it on that host`));
    }
    assert.ok(!fs.existsSync(path.join(dir, 'daemon.pid')), 'no local daemon was started');
    assert.ok(isAlive(gateway.pid), 'the remote daemon was not stopped by a refused restart');

    // kill = daemon stop, after saying what happens; the saved list is the remote host's, not this home's.
    const stopped = await runCli([...remote, 'kill'], { home: dir });
    assert.equal(stopped.code, 0, stopped.stderr);
    assert.deepEqual(stopped.stdout.trim().split('\n'), [
      'stopping the daemon: no app is running',
      'the next daemon starts with no apps; `svctl resurrect` there restores the list last saved with `svctl save`, if any',
      `daemon stopped (pid ${gateway.pid})`,
    ]);
    // Its gateway closes the connection last, after the apps and the logs: the process ends right after.
    await waitFor('the remote daemon to exit', () => !isAlive(gateway.pid));
  });
});
