// When liveness checks begin: only once the instance is ready, so a slow start is never taken for a
// dead process. Fake clock; no check ever runs (initial_delay keeps the first one in the future).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AppSpec, ProbeSpec } from '@svctl/protocol';
import { InstanceChecks } from '../../src/health/instance-checks.js';
import type { RunSignals } from '../../src/lifecycle/unit.js';
import type { SpawnedChild } from '../../src/os/seam.js';
import { FakeOs } from '../fakes/fake-os.js';

const LIVENESS: ProbeSpec = { tcp_socket: { host: '127.0.0.1', port: 1 }, initial_delay: 60_000, period: 200, timeout: 1000, failure_threshold: 1, success_threshold: 1 };

function checksFor(spec: Partial<AppSpec>) {
  const os = new FakeOs();
  const fullSpec = { name: 'web', min_uptime: 1000, liveness_probe: LIVENESS, ...spec } as AppSpec;
  const checks = new InstanceChecks({ spec: fullSpec, context: { cwd: '/', env: {} }, os, onChange: () => undefined });
  const ready: string[] = [];
  const signals: RunSignals = { ready: (how) => ready.push(how), unhealthy: () => undefined };
  checks.begin({ pid: 1 } as SpawnedChild, signals);
  const liveness = () => checks.summary().checks.find((check) => check.kind === 'liveness')?.state;
  return { os, checks, liveness };
}

describe('liveness grace', () => {
  it('without a readiness signal, liveness begins min_uptime after online, not at spawn', async () => {
    const { os, checks, liveness } = checksFor({ min_uptime: 1500 });
    checks.online();
    assert.equal(liveness(), 'idle');
    await os.advance(1499);
    assert.equal(liveness(), 'idle');
    await os.advance(1);
    assert.equal(liveness(), 'pending');
    assert.deepEqual(os.pendingDelays(), [LIVENESS.initial_delay]);
  });

  it('a run that ends during the grace never starts liveness checks; with a readiness signal, online (ready) starts them at once', async () => {
    const short = checksFor({});
    short.checks.online();
    assert.equal(short.liveness(), 'idle');
    short.checks.end();
    await short.os.advance(5000);
    assert.equal(short.liveness(), 'idle');
    assert.deepEqual(short.os.pendingDelays(), []);

    const signalled = checksFor({ wait_ready: true });
    signalled.checks.online();
    assert.equal(signalled.liveness(), 'pending');
    assert.deepEqual(signalled.os.pendingDelays(), [LIVENESS.initial_delay]);
  });
});
