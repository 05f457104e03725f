// The Prometheus recorder without a daemon: instance metrics are read from the source at each scrape.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { STATUSES, type InstanceRow } from '@svctl/protocol';
import { createMetricsRecorder } from '../../src/metrics/exporter.js';

function row(app: string, instance: number, changes: Partial<InstanceRow> = {}): InstanceRow {
  return {
    id: 1, app, namespace: 'default', instance, pid: 100 + instance, status: 'online', restarts: 0, unstable_restarts: 0, uptime_ms: 1500,
    started_at: '2026-12-03T06:00:00.000Z', exit_code: null, signal: null, reason: null, detail: '', cpu: 12.5, memory: 4096, ...changes,
  };
}

const lines = (text: string, prefix: string): string[] => text.split('\n').filter((line) => line.startsWith(prefix));

describe('metrics recorder', () => {
  it('reads the instances at each scrape: current values, and a removed instance disappears', async () => {
    const recorder = createMetricsRecorder(STATUSES);
    let rows = [row('web', 0), row('web', 1, { restarts: 3 })];
    recorder.watch({ rows: () => rows, checks: () => [] });
    const first = (await recorder.render()).text;
    assert.deepEqual(lines(first, 'svctl_instance_restarts_total{'), [
      'svctl_instance_restarts_total{app="web",instance="0",namespace="default"} 0',
      'svctl_instance_restarts_total{app="web",instance="1",namespace="default"} 3',
    ]);
    assert.deepEqual(lines(first, 'svctl_instance_cpu_usage_ratio{'), [
      'svctl_instance_cpu_usage_ratio{app="web",instance="0",namespace="default"} 0.125',
      'svctl_instance_cpu_usage_ratio{app="web",instance="1",namespace="default"} 0.125',
    ]);
    assert.deepEqual(lines(first, 'svctl_instance_start_time_seconds{app="web",instance="0"'), ['svctl_instance_start_time_seconds{app="web",instance="0",namespace="default"} 1796277600']);

    rows = [row('web', 0, { status: 'stopped', pid: null, uptime_ms: 0, cpu: null, memory: null })];
    const second = (await recorder.render()).text;
    assert.deepEqual(lines(second, 'svctl_instance_up{'), ['svctl_instance_up{app="web",instance="0",namespace="default"} 0']);
    assert.deepEqual(lines(second, 'svctl_instance_status{').filter((line) => line.endsWith(' 1')), ['svctl_instance_status{app="web",instance="0",namespace="default",status="stopped"} 1']);
    assert.deepEqual(lines(second, 'svctl_instance_resident_memory_bytes{'), []);
    assert.deepEqual(lines(second, 'svctl_instance_start_time_seconds{'), []);
  });

  it('reports checks by kind (idle ones left out), and counts RPC requests with their latency', async () => {
    const recorder = createMetricsRecorder(STATUSES);
    const check = { consecutive_successes: 0, consecutive_failures: 0, last_checked_at: null, last_success_at: null, first_success_at: null, last_result: null };
    recorder.watch({
      rows: () => [],
      checks: () => [
        {
          app: 'api', namespace: 'default', instance: 0,
          checks: [
            { ...check, kind: 'readiness', check: 'http_get http://127.0.0.1:1/', state: 'passing', total_failures: 2 },
            { ...check, kind: 'liveness', check: 'tcp_socket 127.0.0.1:1', state: 'idle', total_failures: 0 },
          ],
        },
      ],
    });
    recorder.rpcAnswered('apps.list', 'unix', 'ok', 0.003);
    recorder.rpcAnswered('apps.list', 'unix', 'ok', 0.2);
    const text = (await recorder.render()).text;
    assert.deepEqual(lines(text, 'svctl_instance_probe_passing{'), ['svctl_instance_probe_passing{app="api",instance="0",namespace="default",probe="readiness",check="http_get http://127.0.0.1:1/"} 1']);
    assert.deepEqual(lines(text, 'svctl_instance_probe_failures_total{').map((line) => line.split(' ').at(-1)), ['2', '0']);
    assert.deepEqual(lines(text, 'svctl_rpc_requests_total{'), ['svctl_rpc_requests_total{method="apps.list",transport="unix",outcome="ok"} 2']);
    assert.deepEqual(lines(text, 'svctl_rpc_request_duration_seconds_bucket{le="0.005"'), ['svctl_rpc_request_duration_seconds_bucket{le="0.005",method="apps.list",transport="unix"} 1']);
  });
});
