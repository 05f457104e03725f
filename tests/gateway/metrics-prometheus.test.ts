// A real Prometheus server scrapes the gateway's GET /metrics over HTTPS (bearer token from a file, the
// test's self-signed certificate as CA) and answers a query with one series per instance.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isOnline, startOk, waitForInstances } from '../helpers/apps.js';
import { createToken, startGatewayDaemon } from '../helpers/gateway.js';
import { FIXTURES } from '../helpers/paths.js';
import { queryPrometheus, startPrometheus } from '../helpers/prometheus.js';
import { waitFor } from '../helpers/wait.js';

describe('Prometheus scraping GET /metrics', () => {
  it('returns svctl_instance_up with app, instance and namespace labels for each instance', async (t) => {
    const gateway = await startGatewayDaemon(t);
    const { home } = gateway;
    await startOk([path.join(FIXTURES, 'forever.js'), '--name', 'web', '-i', '2'], { home });
    await startOk([path.join(FIXTURES, 'forever.js'), '--name', 'worker', '--namespace', 'jobs'], { home });
    await waitForInstances({ home }, 'web', isOnline, 2);
    await waitForInstances({ home }, 'worker', isOnline, 1);
    const tokenFile = path.join(gateway.tls.dir, 'prometheus.token');
    fs.writeFileSync(tokenFile, await createToken(home, 'prometheus', 'read'), { mode: 0o600 });

    const prometheus = await startPrometheus(t, { target: `127.0.0.1:${gateway.port}`, tokenFile, caFile: gateway.tls.cert });
    const series = await waitFor(
      'three svctl_instance_up series in Prometheus',
      async () => {
        const result = await queryPrometheus(prometheus, 'svctl_instance_up');
        return result.length === 3 ? result : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    ).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}\nprometheus output:\n${prometheus.output()}`);
    });
    const seen = series
      .map(({ metric, value }) => [metric.app, metric.instance, metric.namespace, metric.job, value[1]])
      .sort((a, b) => String(a).localeCompare(String(b)));
    assert.deepEqual(seen, [
      ['web', '0', 'default', 'svctl', '1'],
      ['web', '1', 'default', 'svctl', '1'],
      ['worker', '0', 'jobs', 'svctl', '1'],
    ]);
  });
});
