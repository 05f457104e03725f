// The documentation routes: every route of the gateway is in openapi.json, and a missing file is a clear 500.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { openApiDocument } from '../../../../scripts/openapi-document.js';
import { SessionStore } from '../../src/auth/session-store.js';
import { TokenStore } from '../../src/auth/token-store.js';
import { docsRoutes } from '../../src/gateway/docs-routes.js';
import { loadMetricsRecorder } from '../../src/metrics/recorder.js';
import { PartialBudget } from '../../src/rpc/partial-budget.js';
import { gatewayRoutes } from '../../src/gateway/routes.js';

describe('gateway documentation routes', () => {
  it('every route of the gateway (but the files of the /docs and dashboard pages) is described in openapi.json', async (t) => {
    const documented = Object.keys(openApiDocument().paths as object);
    const home = fs.mkdtempSync('/tmp/svctl-docs-');
    t.after(() => fs.rmSync(home, { recursive: true, force: true }));
    const tokens = TokenStore.open(home);
    const credentials = { tokens, sessions: new SessionStore((token) => tokens.isCurrent(token)) };
    const services = { startedAt: new Date(), maxBatch: 10, bodies: new PartialBudget(1024), metrics: await loadMetricsRecorder(), metricsPublic: false, logger: pino({ level: 'silent' }), credentials };
    const routes = gatewayRoutes(services).map((route) => route.path);
    assert.ok(routes.includes('/docs') && routes.includes('/openrpc.json') && routes.includes('/openapi.json'));
    assert.deepEqual(routes.filter((route) => !route.startsWith('/docs/') && !route.startsWith('/assets/') && !documented.includes(route)), []);
  });

  it('streams a file from its folder with its type and CSP, and answers 500 naming the file when it is missing', async (t) => {
    const folder = fs.mkdtempSync('/tmp/svctl-docs-');
    t.after(() => fs.rmSync(folder, { recursive: true, force: true }));
    fs.writeFileSync(`${folder}/openapi.json`, '{"openapi":"3.1.0"}');
    const routes = docsRoutes(folder);
    const server = http.createServer((request, response) => {
      const route = routes.find((candidate) => candidate.path === request.url);
      assert.ok(route?.access === 'open');
      route.serve({ request, response, peer: undefined, dispatcher: undefined, connectionId: 1 });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    t.after(() => server.close());
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const served = await fetch(`${base}/openapi.json`);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get('content-type'), 'application/json');
    assert.match(served.headers.get('content-security-policy') ?? '', /^default-src 'none'/);
    assert.equal(await served.text(), '{"openapi":"3.1.0"}');

    const missing = await fetch(`${base}/docs`);
    assert.equal(missing.status, 500);
    const body = (await missing.json()) as { error: { message: string; data: { name: string } } };
    assert.equal(body.error.data.name, 'INTERNAL');
    assert.match(body.error.message, /index\.html is missing/);
  });
});
