import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CanonicalEntry } from '../../src/apps/canonical-entry.js';
import { resolveHealthKeys } from '../../src/apps/resolve-health-keys.js';

const entry = (keys: Partial<CanonicalEntry>): CanonicalEntry => ({ script: 'app.js', ...keys });

describe('resolveHealthKeys', () => {
  test('probes get defaults, durations in ms and a URL from host/port/path', () => {
    const { keys, issues } = resolveHealthKeys(entry({ readiness_probe: { http_get: { port: 3000, path: '/health' }, period: '2s' }, liveness_probe: { tcp_socket: { port: 5432 } } }), 'api');
    assert.deepEqual(issues, []);
    assert.deepEqual(keys.readiness_probe, {
      initial_delay: 0,
      period: 2000,
      timeout: 1000,
      failure_threshold: 3,
      success_threshold: 1,
      http_get: { url: 'http://127.0.0.1:3000/health', headers: {}, status_code: null },
    });
    assert.deepEqual(keys.liveness_probe?.tcp_socket, { host: '127.0.0.1', port: 5432 });
  });

  test('a probe needs exactly one check; http_get needs url or port; cron must parse', () => {
    const { issues } = resolveHealthKeys(
      entry({ readiness_probe: { exec: { command: 'true' }, tcp_socket: { port: 1 } }, liveness_probe: { http_get: { path: '/' } }, cron_restart: 'every day' }),
      'api',
    );
    assert.deepEqual(issues.map((issue) => issue.path), ['readiness_probe', 'liveness_probe.http_get', 'cron_restart']);
    assert.match(issues[0]?.message ?? '', /exactly one of http_get, tcp_socket or exec, found tcp_socket and exec/);
  });

  test('a six-field cron expression (seconds first) is accepted', () => {
    assert.deepEqual(resolveHealthKeys(entry({ cron_restart: '*/2 * * * * *' }), 'tick'), { keys: { cron_restart: '*/2 * * * * *' }, issues: [] });
  });
});
