// The table of how each changed key reaches a running app: complete, and live only where the daemon can do it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppSpecSchema } from '../src/app-schema.js';
import { keyApplyOf, SPEC_KEY_APPLY } from '../src/spec-apply.js';

describe('SPEC_KEY_APPLY', () => {
  it('classifies every key of the resolved app schema, and no other', () => {
    assert.deepEqual(Object.keys(SPEC_KEY_APPLY).sort(), Object.keys(AppSpecSchema.properties).sort());
  });

  it('keys that shape the process need new processes; log, probe, restart-policy and trigger keys are live', () => {
    for (const key of ['script', 'args', 'interpreter', 'interpreter_args', 'env', 'base_env', 'cwd', 'exec_mode', 'listen', 'instance_var', 'wait_ready', 'ready_log_line']) {
      assert.equal(keyApplyOf(key), 'process', key);
    }
    for (const key of ['out_file', 'log_date_format', 'time', 'max_memory_restart', 'readiness_probe', 'liveness_probe', 'autorestart', 'max_restarts', 'kill_timeout', 'watch', 'cron_restart']) {
      assert.equal(keyApplyOf(key), 'live', key);
    }
    assert.equal(keyApplyOf('instances'), 'scale');
  });

  it('a key it does not know needs new processes (correct, if slower)', () => {
    assert.equal(keyApplyOf('some_future_key'), 'process');
  });
});
