import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isOnline, startOk, waitForInstances, writeAppFile } from '../helpers/apps.js';
import { runCli } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { FIXTURES } from '../helpers/paths.js';
import { describeApp, freePort, historyOf, timeOf } from './health-helpers.js';

describe('depends_on', () => {
  it('healthy: the dependent starts after the dependency passed its first readiness probe; stop all stops it first', async (t) => {
    const home = makeHome(t);
    const port = await freePort();
    const file = writeAppFile(t, {
      apps: [
        // Listed first on purpose: order in the file does not matter.
        { name: 'api', script: path.join(FIXTURES, 'forever.js'), depends_on: { db: 'healthy' } },
        {
          name: 'db',
          script: path.join(FIXTURES, 'health-http.js'),
          env: { PORT: port, LISTEN_DELAY_MS: 700 },
          readiness_probe: { http_get: { url: `http://127.0.0.1:${port}/` }, period: 100, timeout: 500 },
        },
      ],
    });
    await startOk([file], { home });
    await waitForInstances({ home }, 'api', isOnline, 1);
    const db = await describeApp({ home }, 'db');
    const probe = db.instances[0]?.checks?.find((check) => check.kind === 'readiness');
    assert.ok(probe?.first_success_at !== null && probe?.first_success_at !== undefined, 'the readiness probe passed');
    assert.ok((probe?.total_failures ?? 0) >= 1, 'the probe failed while db was not listening yet');
    const dbOnline = (await historyOf({ home }, 'db')).find((e) => e.to === 'online');
    assert.deepEqual([dbOnline?.reason, dbOnline?.detail], ['ready', 'readiness probe']);
    const apiHistory = await historyOf({ home }, 'api');
    const apiStart = apiHistory.find((e) => e.from === 'stopped' && e.to === 'starting');
    assert.ok(timeOf(apiStart, 'api start') >= Date.parse(probe?.first_success_at ?? ''), `api started at ${apiStart?.at}, db's first successful probe at ${probe?.first_success_at}`);
    assert.ok(timeOf(apiStart, 'api start') >= timeOf(dbOnline, 'db online'));

    const stop = await runCli(['stop', 'all'], { home });
    assert.equal(stop.code, 0, stop.stderr);
    const apiStopped = (await historyOf({ home }, 'api')).find((e) => e.from === 'stopping' && e.to === 'stopped');
    const dbStopping = (await historyOf({ home }, 'db')).find((e) => e.from === 'online' && e.to === 'stopping');
    assert.ok(timeOf(apiStopped, 'api stopped') <= timeOf(dbStopping, 'db stopping'), 'api was stopped before db was asked to stop');
  });

  it('a dependency that never becomes healthy keeps the dependent waiting, visibly; stop cancels the wait', async (t) => {
    const home = makeHome(t);
    const port = await freePort();
    const file = writeAppFile(t, {
      apps: [
        { name: 'db', script: path.join(FIXTURES, 'forever.js'), readiness_probe: { tcp_socket: { port }, period: 100 }, listen_timeout: '60s' },
        { name: 'api', script: path.join(FIXTURES, 'forever.js'), depends_on: { db: 'healthy' } },
      ],
    });
    // db's start never completes (it is not ready within 60 s), so start it without waiting for the CLI.
    const starting = runCli(['start', file], { home, timeoutMs: 90_000 });
    t.after(() => starting.then(() => undefined));
    const [api] = await waitForInstances({ home }, 'api', (r) => r.status === 'stopped' && r.reason === 'dependency', 1);
    assert.equal(api?.detail, 'waiting for db to be healthy (db is starting)');
    const stop = await runCli(['stop', 'api'], { home });
    assert.equal(stop.code, 0, stop.stderr);
    const [cancelled] = await waitForInstances({ home }, 'api', (r) => r.status === 'stopped', 1);
    assert.deepEqual([cancelled?.reason, cancelled?.detail], ['user_stop', 'no longer waiting for dependencies']);
    assert.ok(!(await historyOf({ home }, 'api')).some((e) => e.to === 'starting'), 'api never started');
    await runCli(['delete', 'all'], { home });
    assert.equal((await starting).code, 0);
  });

  it('a cycle is rejected at validation: exit 2, the message names the cycle', async (t) => {
    const home = makeHome(t);
    const file = writeAppFile(t, {
      apps: [
        { name: 'a', script: path.join(FIXTURES, 'forever.js'), depends_on: { b: 'started' } },
        { name: 'b', script: path.join(FIXTURES, 'forever.js'), depends_on: { a: 'healthy' } },
      ],
    });
    const result = await runCli(['start', file], { home });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /app "a": depends_on cycle: a → b → a/);
    const list = await runCli(['list', '--json'], { home });
    assert.deepEqual(JSON.parse(list.stdout), [], 'nothing was started');
  });
});
