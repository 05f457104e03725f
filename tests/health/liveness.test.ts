import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { startOk, waitForInstances, writeAppFile } from '../helpers/apps.js';
import { makeHome } from '../helpers/home.js';
import { FIXTURES } from '../helpers/paths.js';
import { waitFor } from '../helpers/wait.js';
import { describeApp, freePort, historyOf } from './health-helpers.js';

describe('liveness_probe', () => {
  it('an HTTP app whose health endpoint starts answering 500 is restarted after failure_threshold failed probes (reason liveness)', async (t) => {
    const home = makeHome(t);
    const port = await freePort();
    const failFile = path.join(home, 'fail-now');
    const file = writeAppFile(t, {
      apps: [
        {
          name: 'web',
          script: path.join(FIXTURES, 'health-http.js'),
          env: { PORT: port, FAIL_FILE: failFile },
          // initial_delay: on a loaded machine the server may take longer than 3 probes to listen.
          liveness_probe: { http_get: { port, path: '/health' }, initial_delay: '3s', period: '200ms', timeout: '1s', failure_threshold: 3 },
        },
      ],
    });
    await startOk([file], { home });
    const [healthy] = await waitForInstances({ home }, 'web', (r) => r.status === 'online' && r.health === 'healthy', 1);
    const firstPid = healthy?.pid;
    assert.equal(healthy?.restarts, 0);

    // Only the process whose pid is in the file fails: its replacement is healthy.
    fs.writeFileSync(failFile, String(firstPid));
    const stopped = await waitFor('the liveness stop', async () => (await historyOf({ home }, 'web')).find((e) => e.from === 'online' && e.to === 'stopping'));
    const dump = async () => JSON.stringify((await historyOf({ home }, 'web')).map((e) => `${e.at} ${e.from}>${e.to} ${e.reason} ${e.detail}`), null, 1);
    assert.equal(stopped.reason, 'liveness');
    assert.match(stopped.detail, /^3 consecutive failures of http_get http:\/\/127\.0\.0\.1:\d+\/health \(last: HTTP 500\)$/);

    const [replaced] = await waitForInstances({ home }, 'web', (r) => r.status === 'online' && r.pid !== firstPid && r.health === 'healthy', 1).catch(async (error: unknown) => {
      throw new Error(`${String(error)}\n${await dump()}`);
    });
    const history = await historyOf({ home }, 'web');
    assert.equal(replaced?.restarts, 1, JSON.stringify(history.map((e) => `${e.at} ${e.from}>${e.to} ${e.reason} ${e.detail}`), null, 1));
    const rescheduled = history.find((e) => e.from === 'stopping' && e.to === 'waiting');
    assert.equal(rescheduled?.reason, 'liveness');
    assert.match(rescheduled?.detail ?? '', /^killed by SIGTERM; restart in \d+ms$/);
    const liveness = (await describeApp({ home }, 'web')).instances[0]?.checks?.find((check) => check.kind === 'liveness');
    assert.equal(liveness?.state, 'passing');
    assert.equal(liveness?.last_result, 'HTTP 200');
  });

  it('a tcp_socket liveness probe against a port nobody listens on restarts the app', async (t) => {
    const home = makeHome(t);
    const port = await freePort();
    const file = writeAppFile(t, {
      apps: [{ name: 'deaf', script: path.join(FIXTURES, 'forever.js'), liveness_probe: { tcp_socket: { port }, period: 100, failure_threshold: 2 } }],
    });
    // --no-wait: what happens after the start is the subject here, not the start's own result.
    await startOk([file, '--no-wait'], { home });
    const [row] = await waitForInstances({ home }, 'deaf', (r) => r.restarts >= 1, 1);
    assert.ok(row !== undefined);
    const history = await historyOf({ home }, 'deaf');
    const stop = history.find((e) => e.from === 'online' && e.to === 'stopping');
    assert.equal(stop?.reason, 'liveness');
    assert.match(stop?.detail ?? '', new RegExp(`^2 consecutive failures of tcp_socket 127\\.0\\.0\\.1:${port} \\(last: ECONNREFUSED\\)$`));
  });
});

describe('liveness grace', () => {
  it('an HTTP app that takes 2 s to listen, probed every 200 ms, is never killed during its start-up: liveness waits for readiness, or min_uptime without it', async (t) => {
    const home = makeHome(t);
    const [readyPort, plainPort] = [await freePort(), await freePort()];
    const liveness = (port: number) => ({ http_get: { port, path: '/health' }, period: '200ms', timeout: '1s', failure_threshold: 1 });
    const slowApp = (name: string, port: number, extra: Record<string, unknown>) => ({
      name,
      script: path.join(FIXTURES, 'health-http.js'),
      env: { PORT: port, LISTEN_DELAY_MS: 2000 },
      liveness_probe: liveness(port),
      ...extra,
    });
    const file = writeAppFile(t, {
      apps: [
        slowApp('with-readiness', readyPort, { readiness_probe: { http_get: { port: readyPort, path: '/health' }, period: '200ms' }, listen_timeout: '60s' }),
        // No readiness signal: liveness begins once the run has lasted min_uptime.
        slowApp('without-readiness', plainPort, { min_uptime: '6s' }),
      ],
    });
    await startOk([file], { home });
    for (const name of ['with-readiness', 'without-readiness']) {
      const [row] = await waitForInstances({ home }, name, (r) => r.status === 'online' && r.health === 'healthy', 1, 60_000);
      const history = await historyOf({ home }, name);
      const moves = JSON.stringify(history.map((e) => `${e.from}>${e.to} ${e.reason} ${e.detail}`));
      assert.equal(row?.restarts, 0, moves);
      assert.equal(history.some((event) => event.reason === 'liveness'), false, moves);
    }
  });
});
