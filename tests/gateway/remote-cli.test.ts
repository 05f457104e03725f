// svctl --host https://... --token-file ...: the CLI's commands over the gateway's WebSocket.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isOnline, startOk, waitForInstances } from '../helpers/apps.js';
import { runCli, runCliJson } from '../helpers/cli.js';
import { createToken, startGatewayDaemon } from '../helpers/gateway.js';
import { makeHome } from '../helpers/home.js';
import { FIXTURES } from '../helpers/paths.js';

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

  it('exits 2 with UNAUTHORIZED for an unknown token', async (t) => {
    const gateway = await startGatewayDaemon(t);
    const dir = makeHome(t);
    fs.writeFileSync(path.join(dir, 'bad.token'), 'svctl_nope');
    const result = await runCli(['--host', `https://127.0.0.1:${gateway.port}`, '--token-file', path.join(dir, 'bad.token'), '--insecure', 'list'], { home: dir });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /HTTP 401/);
  });
});
