// Equal environments of apps loaded as separate copies are kept once; only a few distinct ones are remembered.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sharedEnv, withSharedEnv } from '../../src/supervisor/shared-env.js';
import { specFor } from '../persistence/fixtures.js';

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

test('specs whose env and base_env are equal copies end up sharing one object of each', () => {
  const base = { PATH: '/usr/bin:/bin', HOME: '/root', SSL_CERT_FILE: '/etc/ssl/certs/ca-certificates.crt' };
  const first = withSharedEnv({ ...specFor('a', { MODE: 'x' }), base_env: copy(base) });
  const second = withSharedEnv({ ...specFor('b', { MODE: 'x' }), base_env: copy(base) });
  assert.equal(second.base_env, first.base_env);
  assert.equal(second.env, first.env);
  assert.deepEqual(second.base_env, base);
  assert.equal(second.name, 'b');

  const other = withSharedEnv({ ...specFor('c', { MODE: 'y' }), base_env: { ...copy(base), HOME: '/home/c' } });
  assert.notEqual(other.base_env, first.base_env);
  assert.notEqual(other.env, first.env);
  assert.equal(other.base_env.HOME, '/home/c');
});

test('a spec whose environments are already the shared ones is returned as it is', () => {
  const spec = withSharedEnv(specFor('d', { ONLY: 'd' }));
  assert.equal(withSharedEnv({ ...spec }).env, spec.env);
  const again = { ...spec };
  assert.equal(withSharedEnv(again), again);
});

test('bounded: after nine other environments, the first is no longer remembered', () => {
  const first = sharedEnv({ ROUND: 'first' });
  for (let index = 0; index < 9; index++) sharedEnv({ ROUND: `other-${index}` });
  assert.notEqual(sharedEnv({ ROUND: 'first' }), first);
  assert.equal(sharedEnv({ ROUND: 'other-8' }).ROUND, 'other-8');
});
