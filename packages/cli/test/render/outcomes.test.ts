import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderOutcome } from '../../src/render/outcomes.js';

describe('renderOutcome', () => {
  it('a running app that differs from the file: the changed keys and the command that applies them', () => {
    const line = renderOutcome({ app: 'api', id: 0, action: 'already_running', detail: 'left as it is', changed: ['env', 'instances'] }, 'ecosystem.config.js');
    assert.equal(line, '✓ api [id 0] is already running, but differs from the file (env, instances): run `svctl startOrReload ecosystem.config.js` to apply');
  });

  it('an applied file lists what changed, or says nothing did', () => {
    assert.equal(renderOutcome({ app: 'api', id: 0, action: 'reloaded', changed: ['env'] }), '✓ api [id 0] reloaded (changed: env)');
    assert.equal(renderOutcome({ app: 'api', id: 0, action: 'restarted', changed: [] }), '✓ api [id 0] restarted (no key changed in the file)');
  });

  it('live keys applied in place: updated in place, with the keys', () => {
    assert.equal(
      renderOutcome({ app: 'api', id: 0, action: 'updated', applied: 'in_place', changed: ['max_memory_restart', 'log_date_format'] }),
      '✓ api [id 0] updated in place (changed: max_memory_restart, log_date_format)',
    );
  });

  it('a failed instance: ✗, its reason and detail, then its last stderr lines', () => {
    const text = renderOutcome({
      app: 'api',
      id: 3,
      action: 'started',
      failed: true,
      failures: [{ instance: 0, reason: 'crash', status: 'waiting', exit_code: 1, signal: null, detail: 'exit code 1; restart in 0ms', stderr: ['at db.js:3', 'Error: down'] }],
    });
    assert.equal(
      text,
      ['✗ api [id 3] started, but an instance did not stay up:', '    instance 0: crash (exit code 1; restart in 0ms), now waiting', '      stderr | at db.js:3', '      stderr | Error: down'].join('\n'),
    );
  });
});
