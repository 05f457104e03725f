import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_METHODS, isMutating, roleAllows } from '../src/index.js';

describe('roles', () => {
  it('gives the read role exactly the read-only methods, and admin every method', () => {
    const readable = ALL_METHODS.filter((method) => roleAllows('read', method)).map((method) => method.name);
    assert.deepEqual(readable.sort(), ['apps.describe', 'apps.list', 'daemon.hello', 'daemon.ping', 'daemon.unsubscribe', 'events.subscribe', 'logs.search', 'logs.tail', 'monitor.samples', 'monitor.subscribe']);
    assert.ok(ALL_METHODS.every((method) => roleAllows('admin', method)));
  });

  it('gives the read role describe, but not describe with show_env (it reveals secrets)', () => {
    const describe = ALL_METHODS.find((method) => method.name === 'apps.describe');
    assert.ok(describe !== undefined);
    assert.equal(roleAllows('read', describe, { target: 'all' }), true);
    assert.equal(roleAllows('read', describe, { target: 'all', show_env: false }), true);
    assert.equal(roleAllows('read', describe, { target: 'all', show_env: true }), false);
    assert.equal(roleAllows('admin', describe, { target: 'all', show_env: true }), true);
  });

  it('audits every method that is not read-only', () => {
    const mutating: string[] = ALL_METHODS.filter(isMutating).map((method) => method.name);
    for (const name of ['apps.start', 'apps.stop', 'apps.delete', 'apps.scale', 'apps.signal', 'state.save', 'token.create', 'token.revoke', 'daemon.stop']) assert.ok(mutating.includes(name), name);
    assert.ok(!mutating.includes('apps.list'));
  });
});
