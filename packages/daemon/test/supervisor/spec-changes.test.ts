import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changedKeys } from '../../src/supervisor/spec-changes.js';
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
