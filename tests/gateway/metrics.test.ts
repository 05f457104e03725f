// GET /metrics over HTTPS against a real daemon: who may read it, and what it says (checked by promtool,
// and against `svctl list --json`).
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { STATUSES } from '@svctl/protocol';
import { listInstances, startFails, waitForInstances, writeAppFile } from '../helpers/apps.js';
import { runCli } from '../helpers/cli.js';
import { connectWs, createToken, httpsRequest, rpc, startGatewayDaemon } from '../helpers/gateway.js';
import { readJsonLines } from '../helpers/monitoring.js';
import { FIXTURES } from '../helpers/paths.js';
import { parseExposition, promtoolCheck, samplesOf, type Sample } from '../helpers/prometheus.js';
import { waitFor } from '../helpers/wait.js';
import { freePort } from '../health/health-helpers.js';

const valueOf = (samples: readonly Sample[], name: string, labels: Record<string, string>): number | undefined => {
  const found = samplesOf(samples, name, labels);
  assert.ok(found.length <= 1, `at most one ${name} ${JSON.stringify(labels)}`);
  return found[0]?.value;
};

describe('GET /metrics', () => {
  it('needs a token (401 without or with an unknown one), serves any role, counts refusals and rate-limited requests (429)', async (t) => {
    const gateway = await startGatewayDaemon(t, ['--http-burst', '3', '--http-rate', '0.001']);
    const reader = await createToken(gateway.home, 'grafana', 'read');
    const admin = await createToken(gateway.home, 'ops', 'admin');

    const anonymous = await httpsRequest(gateway, '/metrics');
    assert.equal(anonymous.status, 401, anonymous.body);
    assert.equal((anonymous.json().error as { data: { name: string } }).data.name, 'UNAUTHORIZED');
    assert.equal((await httpsRequest(gateway, '/metrics', { token: `${reader}x` })).status, 401);

    for (let scrape = 0; scrape < 3; scrape++) {
      const answer = await httpsRequest(gateway, '/metrics', { token: reader });
      assert.equal(answer.status, 200, answer.body);
      assert.match(String(answer.headers['content-type']), /^text\/plain; version=0\.0\.4/);
      assert.ok((valueOf(parseExposition(answer.body), 'svctl_daemon_process_resident_memory_bytes', {}) ?? 0) > 0, 'the daemon process metrics');
    }
    const limited = await httpsRequest(gateway, '/metrics', { token: reader });
    assert.equal(limited.status, 429, limited.body);
    assert.ok(Number(limited.headers['retry-after']) >= 1);

    const byAdmin = await httpsRequest(gateway, '/metrics', { token: admin });
    assert.equal(byAdmin.status, 200, byAdmin.body);
    const samples = parseExposition(byAdmin.body);
    assert.equal(valueOf(samples, 'svctl_rate_limited_requests_total', { transport: 'http' }), 1);
    assert.equal(valueOf(samples, 'svctl_http_requests_total', { route: '/metrics', status: '401' }), 2);
    assert.equal(valueOf(samples, 'svctl_http_requests_total', { route: '/metrics', status: '200' }), 3);
    assert.equal(valueOf(samples, 'svctl_http_requests_total', { route: '/metrics', status: '429' }), 1);
  });

  it('is served without a token when http.metrics_public is set in the config file (and /rpc still needs one)', async (t) => {
    const config = writeAppFile(t, { http: { metrics_public: true } }, 'config.json');
    const gateway = await startGatewayDaemon(t, ['--config', config]);
    const open = await httpsRequest(gateway, '/metrics');
    assert.equal(open.status, 200, open.body);
    assert.ok(samplesOf(parseExposition(open.body), 'svctl_daemon_process_start_time_seconds').length === 1);
    assert.equal((await rpc(gateway, 'apps.list', {})).status, 401);
  });

  it('passes promtool check metrics, and its instances, statuses, up and restarts match svctl list --json; counts RPC requests, HTTP requests and alerts', async (t) => {
    const sink = writeAppFile(t, '', 'alerts.jsonl');
    const config = writeAppFile(t, { alerts: [{ name: 'ops', on: ['errored'], command: [process.execPath, path.join(FIXTURES, 'alert-sink.js'), sink] }] }, 'config.json');
    const gateway = await startGatewayDaemon(t, ['--config', config]);
    const { home } = gateway;
    const apiPort = await freePort();
    const apps = writeAppFile(t, {
      apps: [
        { name: 'web', script: path.join(FIXTURES, 'forever.js'), instances: 2 },
        { name: 'worker', script: path.join(FIXTURES, 'forever.js'), namespace: 'jobs' },
        { name: 'idle', script: path.join(FIXTURES, 'forever.js') },
        {
          name: 'api',
          script: path.join(FIXTURES, 'health-http.js'),
          env: { PORT: String(apiPort) },
          // Generous: a probe timing out on a loaded machine would turn the metric to 0.
          readiness_probe: { http_get: { url: `http://127.0.0.1:${apiPort}/` }, period: 500, timeout: 10_000 },
        },
        { name: 'flaky', script: path.join(FIXTURES, 'crash.js'), max_restarts: 2 },
      ],
    });
    await startFails([apps], { home });
    await waitForInstances({ home }, 'flaky', (row) => row.status === 'errored', 1);
    assert.equal((await runCli(['stop', 'idle'], { home })).code, 0);
    await waitForInstances({ home }, 'idle', (row) => row.status === 'stopped', 1);
    await waitFor('the alert command to run', () => readJsonLines(sink).length > 0);

    const reader = await createToken(home, 'grafana', 'read');
    assert.equal((await rpc(gateway, 'apps.list', {}, reader)).status, 200);
    assert.equal((await rpc(gateway, 'apps.stop', { target: 'web' }, reader)).status, 403);
    const ws = await connectWs(t, gateway, reader);
    ws.socket.send(JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'daemon.ping', params: {} }));
    await waitFor('the ping answer over WSS', () => ws.messages.some((message) => message.id === 7));

    // Memory is sampled by the monitor and the alert's end is counted after its command exits: wait for both.
    const body = await waitFor('a scrape with memory samples and the alert', async () => {
      const answer = await httpsRequest(gateway, '/metrics', { token: reader });
      const samples = parseExposition(answer.body);
      const sampled = samplesOf(samples, 'svctl_instance_resident_memory_bytes', { app: 'web' }).length === 2;
      return sampled && valueOf(samples, 'svctl_alerts_sent_total', { rule: 'ops', kind: 'errored', action: 'command' }) === 1 ? answer.body : undefined;
    }, { timeoutMs: 30_000, intervalMs: 200 });

    const check = await promtoolCheck(body);
    assert.deepEqual(check, { code: 0, output: '' });

    const rows = await listInstances({ home });
    const samples = parseExposition(body);
    assert.equal(rows.length, 6);
    assert.equal(samplesOf(samples, 'svctl_instance_up').length, rows.length, 'one up series per instance');
    for (const row of rows) {
      const labels = { app: row.app, instance: String(row.instance), namespace: row.namespace };
      assert.equal(valueOf(samples, 'svctl_instance_up', labels), row.pid === null ? 0 : 1, `up of ${row.app}[${row.instance}]`);
      assert.equal(valueOf(samples, 'svctl_instance_restarts_total', labels), row.restarts, `restarts of ${row.app}[${row.instance}]`);
      for (const status of STATUSES) assert.equal(valueOf(samples, 'svctl_instance_status', { ...labels, status }), row.status === status ? 1 : 0, `${status} of ${row.app}`);
      assert.equal(valueOf(samples, 'svctl_instance_start_time_seconds', labels) === undefined, row.pid === null, `start time of ${row.app}[${row.instance}]`);
    }
    assert.deepEqual(
      rows.map((row) => [row.app, row.namespace, row.status, row.pid === null]),
      [
        ['web', 'default', 'online', false],
        ['web', 'default', 'online', false],
        ['worker', 'jobs', 'online', false],
        ['idle', 'default', 'stopped', true],
        ['api', 'default', 'online', false],
        ['flaky', 'default', 'errored', true],
      ],
    );
    assert.ok((rows.find((row) => row.app === 'flaky')?.restarts ?? 0) >= 2, 'flaky was restarted');
    assert.equal(valueOf(samples, 'svctl_instance_probe_passing', { app: 'api', probe: 'readiness' }), 1);
    assert.ok((valueOf(samples, 'svctl_instance_uptime_seconds', { app: 'worker' }) ?? 0) > 0);

    assert.equal(valueOf(samples, 'svctl_rpc_requests_total', { method: 'apps.list', transport: 'http', outcome: 'ok' }), 1);
    assert.equal(valueOf(samples, 'svctl_rpc_requests_total', { method: 'apps.stop', transport: 'http', outcome: 'FORBIDDEN' }), 1);
    assert.ok((valueOf(samples, 'svctl_rpc_requests_total', { method: 'apps.list', transport: 'unix', outcome: 'ok' }) ?? 0) >= 1);
    assert.equal(valueOf(samples, 'svctl_rpc_request_duration_seconds_count', { method: 'apps.stop', transport: 'http' }), 1);
    assert.equal(valueOf(samples, 'svctl_rpc_requests_total', { method: 'daemon.ping', transport: 'ws', outcome: 'ok' }), 1);
    assert.equal(valueOf(samples, 'svctl_http_requests_total', { route: '/rpc', status: '403' }), 1);
    assert.equal(valueOf(samples, 'svctl_http_requests_total', { route: '/ws', status: '101' }), 1);
  });
});
