import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { AppSpec } from '@svctl/protocol';
import { sharedPortWarnings } from '../../src/supervisor/shared-port-warnings.js';

function spec(overrides: Partial<AppSpec>): AppSpec {
  return { name: 'api', instances: 2, cluster_requested: false, env: {} , ...overrides } as AppSpec;
}

it('instances pm2 would run in cluster mode that run forked (not node) are told they will not share the port', () => {
  const [warning] = sharedPortWarnings(spec({ cluster_requested: true, exec_mode: 'fork', exec_mode_reason: 'python3 apps cannot be cluster workers', env: { PORT: '3000' } }));
  assert.match(warning ?? '', /pm2 would run its 2 instances in cluster mode.*run forked \(python3 apps cannot be cluster workers\).*will not share the port/);
});

it('cluster workers, held sockets and increment_var PORT share or split the port: no warning', () => {
  assert.deepEqual(sharedPortWarnings(spec({ cluster_requested: true, exec_mode: 'cluster', env: { PORT: '3000' } })), []);
  assert.deepEqual(sharedPortWarnings(spec({ listen: ['127.0.0.1:3000'], env: { PORT: '3000' } })), []);
  assert.deepEqual(sharedPortWarnings(spec({ increment_var: 'PORT', env: { PORT: '3000' } })), []);
});

it('instances that all get one fixed PORT are told only one can listen', () => {
  assert.deepEqual(sharedPortWarnings(spec({ instances: 3, env: { PORT: '3000' } })), ['its 3 instances all get PORT=3000: only one can listen on it (increment_var: "PORT", a port computed from SVCTL_INSTANCE, or `listen`)']);
});

it('one instance, or several without a fixed port outside cluster mode, is fine', () => {
  assert.deepEqual(sharedPortWarnings(spec({ instances: 1, cluster_requested: true, env: { PORT: '3000' } })), []);
  assert.deepEqual(sharedPortWarnings(spec({ instances: 4 })), []);
});
