import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { freePort } from '../health/health-helpers.js';
import { isOnline, processEnv, startOk, waitForInstances, writeAppFile } from '../helpers/apps.js';
import { runCli } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { EXAMPLES } from '../helpers/paths.js';
import { assertReloadsFailNothing } from './reload-under-load.js';

describe('held sockets (listen)', () => {
  it('a Python server on the socket the daemon holds: LISTEN_* set per process; reload under load fails nothing, keep-alive off and on', async (t) => {
    const home = makeHome(t);
    const port = await freePort();
    const file = writeAppFile(t, {
      apps: [{ name: 'py', script: path.join(EXAMPLES, 'held-socket/server.py'), instances: 2, listen: `127.0.0.1:${port}`, kill_timeout: 15_000 }],
    });
    await startOk([file], { home });
    const rows = await waitForInstances({ home }, 'py', isOnline, 2);
    for (const row of rows) {
      const env = processEnv(row.pid ?? 0);
      assert.equal(env.LISTEN_PID, String(row.pid), 'LISTEN_PID is the pid of the process that reads it');
      assert.equal(env.LISTEN_FDS, '1');
      assert.equal(env.LISTEN_FDNAMES, 'listen0');
    }
    await assertReloadsFailNothing(t, home, 'py', port, (row) => [new RegExp(`py\\[${row.instance}\\] old pid ${row.pid} stopped in \\d+ ms`)]);
  });

  it('an address that is taken fails the start with the reason, and a bad address is refused at load naming the key', async (t) => {
    const home = makeHome(t);
    const port = await freePort();
    const bad = writeAppFile(t, { apps: [{ name: 'py', script: path.join(EXAMPLES, 'held-socket/server.py'), listen: ['127.0.0.1:99999'] }] });
    const refused = await runCli(['start', bad], { home });
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /listen/);
    assert.match(refused.stderr, /not an address to listen on/);
    const first = writeAppFile(t, { apps: [{ name: 'one', script: path.join(EXAMPLES, 'held-socket/server.py'), listen: String(port) }] });
    await startOk([first], { home });
    await waitForInstances({ home }, 'one', isOnline, 1);
    const second = writeAppFile(t, { apps: [{ name: 'two', script: path.join(EXAMPLES, 'held-socket/server.py'), listen: `127.0.0.1:${port}` }] });
    const taken = await runCli(['start', second], { home });
    assert.notEqual(taken.code, 0);
    assert.match(taken.stdout + taken.stderr, /EADDRINUSE/);
  });
});
