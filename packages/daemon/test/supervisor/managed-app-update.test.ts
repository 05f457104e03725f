// ManagedApp.canUpdate / updateInPlace on the fake OS: when a file's live changes may be taken in place.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import type { AppSpec } from '@svctl/protocol';
import { pino } from 'pino';
import { LogService } from '../../src/logs/log-service.js';
import { ManagedApp } from '../../src/supervisor/managed-app.js';
import { FakeOs, settle } from '../fakes/fake-os.js';
import { specFor } from '../persistence/fixtures.js';

function managed(t: TestContext, spec: Partial<AppSpec> = {}) {
  const home = fs.mkdtempSync('/tmp/svctl-');
  t.after(() => fs.rmSync(home, { recursive: true, force: true }));
  const os = new FakeOs();
  const logs = new LogService({ maxSize: 1 << 20, maxFiles: 1, maxAgeMs: null, compress: false }, pino({ level: 'silent' }), 1 << 20, home);
  const app = new ManagedApp(0, { ...specFor('api'), ...spec } as AppSpec, { os, logsDir: path.join(home, 'logs'), logs, onTransition: () => undefined });
  t.after(() => app.releaseAll());
  return { os, app };
}

const probe = { tcp_socket: { host: '127.0.0.1', port: 1 }, initial_delay: 0, period: 1000, timeout: 1000, failure_threshold: 3, success_threshold: 1 };

describe('ManagedApp in-place updates', () => {
  it('online instances take live changes in place: same pid, the new spec', async (t) => {
    const { os, app } = managed(t);
    await Promise.all(app.units.map((unit) => unit.start('user_start')));
    const pid = app.units[0]?.snapshot().pid;
    const next = { ...app.spec, max_memory_restart: 1 << 20, liveness_probe: probe };
    assert.equal(app.canUpdate(next), true);
    app.updateInPlace(next);
    assert.deepEqual([app.units[0]?.snapshot().pid, app.spec.max_memory_restart, os.children.length], [pid, 1 << 20, 1]);
    assert.deepEqual(app.units[0]?.snapshot().checks.map((check) => check.kind), ['liveness']);
  });

  it('an errored instance is started again by applying the file: not in place', async (t) => {
    const { os, app } = managed(t, { autorestart: true, max_restarts: 0 });
    os.spawnFailure = 'ENOENT';
    await Promise.all(app.units.map((unit) => unit.start('user_start')));
    await settle();
    assert.equal(app.units[0]?.status, 'errored');
    assert.equal(app.canUpdate({ ...app.spec, max_memory_restart: 1 }), false);
  });

  it('checks do not change under a starting instance: not in place', async (t) => {
    const { app } = managed(t, { wait_ready: true, listen_timeout: 60_000 });
    void app.units[0]?.start('user_start');
    await settle();
    assert.equal(app.units[0]?.status, 'starting');
    assert.equal(app.canUpdate({ ...app.spec, liveness_probe: probe }), false);
    assert.equal(app.canUpdate({ ...app.spec, max_memory_restart: 1 }), true);
  });
});
