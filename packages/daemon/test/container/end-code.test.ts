import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstFailureCode, instanceCode, shutdownCode, type FinalRow } from '../../src/container/end-code.js';

const row = (fields: Partial<FinalRow>): FinalRow => ({ status: 'stopped', reason: 'clean_exit', exit_code: 0, signal: null, ...fields });

describe('svctl-runtime exit codes', () => {
  it('an ended instance leaves its own code, 128+signal, 1 when errored without a failing code, 0 when svctl stopped it', () => {
    const table: Array<[Partial<FinalRow>, number]> = [
      [{}, 0],
      [{ reason: 'crash', exit_code: 3 }, 3],
      [{ reason: 'crash', exit_code: null, signal: 'SIGKILL' }, 137],
      [{ reason: 'crash', exit_code: null, signal: 'SIGSEGV' }, 139],
      [{ reason: 'stop_exit_code', exit_code: 42 }, 42],
      [{ status: 'errored', reason: 'crash', exit_code: 1 }, 1],
      [{ status: 'errored', reason: 'clean_exit', exit_code: 0 }, 1],
      [{ status: 'errored', reason: 'spawn_failed', exit_code: null }, 1],
      [{ reason: 'user_stop', exit_code: null, signal: 'SIGTERM' }, 0],
      [{ reason: 'daemon_shutdown', exit_code: null, signal: 'SIGKILL' }, 0],
      [{ reason: null, exit_code: null }, 0],
    ];
    for (const [fields, code] of table) assert.equal(instanceCode(row(fields)), code, JSON.stringify(fields));
  });

  it('the first failure by end time wins; none is 0', () => {
    const ended = [
      { row: row({ reason: 'crash', exit_code: 5 }), endedAt: 300 },
      { row: row({}), endedAt: 100 },
      { row: row({ reason: 'crash', exit_code: 3 }), endedAt: 200 },
    ];
    assert.equal(firstFailureCode(ended), 3);
    assert.equal(firstFailureCode([{ row: row({}), endedAt: 1 }]), 0);
    assert.equal(firstFailureCode([]), 0);
  });

  it('after a stop signal: an earlier failure keeps its code, else 0, or 128+the signal when an app had to be SIGKILLed', () => {
    const clean = row({ reason: 'daemon_shutdown', exit_code: 0 });
    const forced = row({ reason: 'daemon_shutdown', exit_code: null, signal: 'SIGKILL' });
    assert.equal(shutdownCode(0, [clean], 'SIGTERM'), 0);
    assert.equal(shutdownCode(0, [clean, forced], 'SIGTERM'), 143);
    assert.equal(shutdownCode(0, [forced], 'SIGINT'), 130);
    assert.equal(shutdownCode(3, [forced], 'SIGTERM'), 3);
  });
});
