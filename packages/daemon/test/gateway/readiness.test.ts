// /healthz answers as soon as the gateway listens; /readyz and /rpc wait for the end of start-up.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { resolveSettings } from '@svctl/protocol';
import { pino } from 'pino';
import { TokenStore } from '../../src/auth/token-store.js';
import { gatewayPlanOf } from '../../src/gateway/gateway-plan.js';
import { startGateway } from '../../src/gateway/gateway.js';
import { loadMetricsRecorder } from '../../src/metrics/recorder.js';
import { Dispatcher } from '../../src/rpc/dispatcher.js';
import type { HandlerTable } from '../../src/rpc/handler.js';
import { rpcLimitsOf } from '../../src/rpc/limits.js';
import { sharedBudgetOf } from '../../src/rpc/shared-budget.js';

describe('gateway readiness', () => {
  it('answers /readyz and /rpc with 503 until the daemon is ready, /healthz at once', async (t) => {
    const home = fs.mkdtempSync('/tmp/svctl-ready-');
    t.after(() => fs.rmSync(home, { recursive: true, force: true }));
    const { values: settings } = resolveSettings({ flags: { home, http_listen: '127.0.0.1:0' }, env: {}, readFile: () => undefined });
    const logger = pino({ level: 'silent' });
    const plan = gatewayPlanOf(settings, 0);
    assert.ok(plan !== undefined);
    const limits = rpcLimitsOf(settings);
    const gateway = await startGateway(plan, { settings, tokens: TokenStore.open(home), logger, limits, budget: sharedBudgetOf(limits), startedAt: new Date(), metrics: await loadMetricsRecorder() });
    t.after(() => gateway.close());
    const base = `http://127.0.0.1:${gateway.port}`;
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
    assert.equal((await fetch(`${base}/readyz`)).status, 503);
    const early = await fetch(`${base}/rpc`, { method: 'POST', body: '{}' });
    assert.equal(early.status, 503);
    assert.equal(((await early.json()) as { error: { data: { name: string } } }).error.data.name, 'NOT_READY');
    gateway.ready(new Dispatcher({} as HandlerTable, logger));
    assert.equal((await fetch(`${base}/readyz`)).status, 200);
    assert.equal((await fetch(`${base}/rpc`, { method: 'POST', body: '{}' })).status, 401);
  });
});
