// A unit's spec builds its environment when read instead of keeping a merged copy per instance.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toUnitSpec } from '../../src/supervisor/unit-spec.js';
import { specFor } from '../persistence/fixtures.js';

test('the instance environment is built from the app spec when read, not kept as an own property', () => {
  const app = { ...specFor('web', { PORT: '3000', MODE: 'x' }), increment_var: 'PORT', instance_var: 'WORKER', base_env: { PATH: '/usr/bin', MODE: 'base' } };
  const unit = toUnitSpec(app, 2);
  assert.equal(Object.hasOwn(unit, 'env'), false, 'no merged environment kept per instance');
  assert.deepEqual(unit.env, {
    PATH: '/usr/bin',
    MODE: 'x',
    PORT: '3002',
    SVCTL_APP_NAME: 'web',
    SVCTL_INSTANCE: '2',
    NODE_APP_INSTANCE: '2',
    WORKER: '2',
  });
  assert.deepEqual(unit.env, unit.env);
  assert.deepEqual([unit.name, unit.command, unit.kill_timeout, unit.stop_signal, unit.max_restarts], ['web', app.command, 5000, 'SIGTERM', app.max_restarts]);
  assert.equal(toUnitSpec({ ...app, shutdown_with_message: true }, 0).shutdown_with_message, true);
});
