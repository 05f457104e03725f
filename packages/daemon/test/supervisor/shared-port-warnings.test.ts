import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { AppSpec } from '@svctl/protocol';
import { sharedPortWarnings } from '../../src/supervisor/shared-port-warnings.js';

function spec(overrides: Partial<AppSpec>): AppSpec {
  return { name: 'api', instances: 2, cluster_requested: false, env: {} , ...overrides } as AppSpec;
}

it('instances pm2 would run in cluster mode are told they will not share the port', () => {
  const [warning] = sharedPortWarnings(spec({ cluster_requested: true, env: { PORT: '3000' } }));
  assert.match(warning ?? '', /pm2 would run its 2 instances in cluster mode.*will not share the port/);
});

it('instances that all get one fixed PORT are told only one can listen', () => {
  assert.deepEqual(sharedPortWarnings(spec({ instances: 3, env: { PORT: '3000' } })), ['its 3 instances all get PORT=3000: only one can listen on it (compute the port from SVCTL_INSTANCE)']);
});

it('one instance, or several without a fixed port outside cluster mode, is fine', () => {
  assert.deepEqual(sharedPortWarnings(spec({ instances: 1, cluster_requested: true, env: { PORT: '3000' } })), []);
  assert.deepEqual(sharedPortWarnings(spec({ instances: 4 })), []);
});
