import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSecretName, MASK, maskSecrets } from '../src/secret-names.js';

test('secret-looking names are secret, whatever their case', () => {
  for (const name of ['DB_PASSWORD', 'api_key', 'API-KEY', 'GITHUB_TOKEN', 'SESSION_SECRET', 'DB_PWD', 'SENTRY_DSN', 'PRIVATE_KEY', 'passwd']) {
    assert.equal(isSecretName(name), true, name);
  }
});

test('PWD and OLDPWD are working folders, not passwords', () => {
  assert.equal(isSecretName('PWD'), false);
  assert.equal(isSecretName('OLDPWD'), false);
  assert.deepEqual(maskSecrets({ PWD: '/srv/app', OLDPWD: '/srv', MYSQL_PWD: 'hunter2', PORT: '80' }), { PWD: '/srv/app', OLDPWD: '/srv', MYSQL_PWD: MASK, PORT: '80' });
});
