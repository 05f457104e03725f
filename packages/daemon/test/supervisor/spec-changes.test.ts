import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appliesInPlace, changedKeys, checksChanged } from '../../src/supervisor/spec-changes.js';
import { specFor } from '../persistence/fixtures.js';

describe('changedKeys', () => {
  it('names the file keys whose resolved value differs, in spec order', () => {
    const running = specFor('api', { A: '1' });
    const fromFile = { ...specFor('api', { A: '2' }), instances: 3, args: ['60'], log_max_files: 4 };
    assert.deepEqual(changedKeys(running, fromFile), ['args', 'env', 'instances', 'log_max_files']);
  });

  it('compares by value, and leaves out what is not a key of the file (the shell environment, the derived argv)', () => {
    const running = specFor('api', { A: '1' });
    const fromFile = { ...specFor('api', { A: '1' }), base_env: { PATH: '/elsewhere' }, command: ['/usr/bin/sleep', '3600'], env_name: 'production' };
    assert.deepEqual(changedKeys(running, fromFile), []);
  });

  it('a key the file removed is a change', () => {
    const running = { ...specFor('api'), max_memory_restart: 1 << 20 };
    assert.deepEqual(changedKeys(running, specFor('api')), ['max_memory_restart']);
  });
});

describe('appliesInPlace', () => {
  const probe = { tcp_socket: { host: '127.0.0.1', port: 1 }, initial_delay: 0, period: 1000, timeout: 1000, failure_threshold: 3, success_threshold: 1 };

  it('live keys and instances only: in place', () => {
    const running = specFor('api');
    assert.equal(appliesInPlace(running, { ...running, max_memory_restart: 1 << 20, log_date_format: 'HH:mm', out_file: '/tmp/x.log' }), true);
    assert.equal(appliesInPlace(running, { ...running, liveness_probe: probe, instances: 3 }), true);
  });

  it('any process key, the shell environment included, needs new processes', () => {
    const running = specFor('api', { A: '1' });
    assert.equal(appliesInPlace(running, { ...running, env: { A: '2' }, max_memory_restart: 1 }), false);
    assert.equal(appliesInPlace(running, { ...running, base_env: { PATH: '/elsewhere' } }), false);
    assert.equal(appliesInPlace(running, { ...running, args: ['60'] }), false);
  });

  it('nothing changed is not an update: the verb runs as asked', () => {
    assert.equal(appliesInPlace(specFor('api'), specFor('api')), false);
  });
});

describe('checksChanged', () => {
  it('probes and the times the checks read replace them; other live keys do not', () => {
    const running = specFor('api');
    assert.equal(checksChanged(running, { ...running, listen_timeout: 100 }), true);
    assert.equal(checksChanged(running, { ...running, min_uptime: running.min_uptime + 1 }), true);
    assert.equal(checksChanged(running, { ...running, max_memory_restart: 1, out_file: '/tmp/x.log' }), false);
  });
});
