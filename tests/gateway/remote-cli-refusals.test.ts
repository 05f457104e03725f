// svctl --host https://... --token-file ...: what the remote CLI refuses (an unknown token, a certificate it cannot
// verify, the commands that start or install a daemon on this machine).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { createToken, startGatewayDaemon, type GatewayDaemon } from '../helpers/gateway.js';
import { makeHome } from '../helpers/home.js';
import { isAlive, waitFor } from '../helpers/wait.js';

/** A gateway daemon, and a client home with no daemon holding a token file (ops, of the role) for it. */
async function remoteClient(t: TestContext, role: 'read' | 'admin'): Promise<{ gateway: GatewayDaemon; dir: string; tokenFile: string }> {
  const gateway = await startGatewayDaemon(t);
  const dir = makeHome(t);
  const tokenFile = path.join(dir, 'ops.token');
  fs.writeFileSync(tokenFile, await createToken(gateway.home, 'ops', role), { mode: 0o600 });
  return { gateway, dir, tokenFile };
}

describe('the remote CLI', () => {
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
