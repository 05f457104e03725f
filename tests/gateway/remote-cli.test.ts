// svctl --host https://... --token-file ...: the CLI's commands over the gateway's WebSocket (what it refuses:
// remote-cli-refusals.test.ts).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isOnline, startOk, waitForInstances } from '../helpers/apps.js';
import { runCli, runCliJson, spawnCli } from '../helpers/cli.js';
import { createToken, startGatewayDaemon } from '../helpers/gateway.js';
import { makeHome } from '../helpers/home.js';
import { FIXTURES } from '../helpers/paths.js';
import { waitFor } from '../helpers/wait.js';

/** stderr without the --insecure warning, which only the remote run prints. */
const withoutWarning = (stderr: string) => stderr.split('\n').filter((line) => !line.startsWith('svctl: warning: --insecure')).join('\n');

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

});
