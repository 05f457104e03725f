// The dashboard's app page in real headless Chromium against a real daemon: CPU and memory charts over
// the kept samples (live, with a text summary for screen readers), the probes of each instance, and
// depends_on with the dependency's live status.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import type { Page } from 'playwright-core';
import { isOnline, startOk, waitForInstances, writeAppFile } from '../helpers/apps.js';
import { openBrowser, screenshot, seriousA11yViolations, signInThroughForm } from '../helpers/browser.js';
import { createToken, startGatewayDaemon, type GatewayDaemon } from '../helpers/gateway.js';
import { FIXTURES } from '../helpers/paths.js';
import { waitFor } from '../helpers/wait.js';
import { freePort } from '../health/health-helpers.js';

/** The caption of one chart of instance 0 ("CPU of db[0]: latest 0.4%, min 0.0%, max 1.2% over the last 3 s (7 samples)"). */
const captionOf = (page: Page, series: 'cpu' | 'memory') => page.locator(`.chart-pair[data-instance="0"] figure[data-series="${series}"] figcaption`).textContent({ timeout: 1_000 });
const samplesIn = (caption: string | null) => Number(/\((\d+) samples?\)/.exec(caption ?? '')?.[1] ?? 0);

describe('the dashboard app page: charts, probes, dependencies', () => {
  it('charts CPU and memory live, lists the probes with their last result, and shows the dependency status', async (t) => {
    const gateway = await startGatewayDaemon(t, ['--monitor-interval', '500']);
    const { home } = gateway;
    const port = await freePort();
    const file = writeAppFile(t, {
      apps: [
        {
          name: 'db',
          script: path.join(FIXTURES, 'health-http.js'),
          env: { PORT: port },
          readiness_probe: { http_get: { url: `http://127.0.0.1:${port}/` }, period: 200 },
          liveness_probe: { tcp_socket: { port }, period: 3000 },
        },
        { name: 'api', script: path.join(FIXTURES, 'forever.js'), depends_on: { db: 'healthy' } },
      ],
    });
    await startOk([file], { home });
    await waitForInstances({ home }, 'api', isOnline, 1);
    const context = await openBrowser(t);
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) refused.push(message.text());
    });
    const token = await createToken(home, 'viewer', 'read');
    await signInThroughForm(page, gateway, token);
    await page.getByRole('link', { name: 'db' }).click();

    // Charts: a drawn line labelled by its caption, which counts the samples as ticks arrive (no reload).
    const chart = page.getByRole('img', { name: /^Memory of db\[0\]: latest \d+(\.\d)? (KB|MB)/ });
    await waitFor('the memory chart with a line', async () => (await chart.count()) === 1 && (await chart.locator('polyline').count()) === 1, { timeoutMs: 20_000 });
    const before = samplesIn(await captionOf(page, 'memory'));
    await waitFor('two more samples, live', async () => samplesIn(await captionOf(page, 'memory')) >= before + 2, { timeoutMs: 20_000 });
    assert.match((await captionOf(page, 'cpu')) ?? '', /^CPU of db\[0\]: latest \d+\.\d%, min \d+\.\d%, max \d+\.\d% over the last \d+ s \(\d+ samples\)$/);
    const points = await chart.locator('polyline').getAttribute('points');
    assert.ok((points ?? '').split(' ').length >= 2, `points: ${points}`);

    // Probes: what each checks, how often, its state and last result.
    const readiness = page.locator('table.probes tr[data-kind="readiness"]');
    await waitFor('the readiness probe passing', async () => ((await readiness.textContent({ timeout: 1_000 })) ?? '').includes('passing'));
    const cells = await readiness.locator('td').allTextContents();
    assert.deepEqual(cells.slice(0, 6), ['0', 'readiness', `http_get http://127.0.0.1:${port}/`, '200 ms', 'passing', 'HTTP 200']);
    const liveness = await page.locator('table.probes tr[data-kind="liveness"] td').allTextContents();
    assert.deepEqual(liveness.slice(1, 4), ['liveness', `tcp_socket 127.0.0.1:${port}`, '3 s']);
    assert.deepEqual(await seriousA11yViolationsOf(t, gateway, token, 'db'), []);
    assert.deepEqual(refused, [], 'nothing refused by the CSP (no inline styles)');
    await screenshot(page, 'dashboard-app-charts');

    // Dependencies: api depends on db (healthy); db's status and health, live from the fleet.
    await page.goto(`${gateway.url}/#/app/api`);
    const dependency = page.locator('table.dependencies tr[data-dependency="db"]');
    await waitFor('the dependency row', async () => (await dependency.count()) === 1, { timeoutMs: 20_000 });
    const [condition, status, health] = await dependency.locator('td').allTextContents();
    assert.deepEqual([condition, status], ['healthy', 'online']);
    assert.match(health ?? '', /^(ready|healthy)$/, 'db passed its readiness probe (then its liveness probe)');
    assert.equal(await page.locator('table.probes').count(), 0, 'api has no probes');
    assert.equal(await page.getByText('No readiness check or probe.').count(), 1);
  });
});

/** axe-core is injected as a script, which the dashboard's CSP forbids: the app page again, in a context that bypasses it. */
async function seriousA11yViolationsOf(t: TestContext, gateway: GatewayDaemon, token: string, app: string): Promise<string[]> {
  const audited = await (await openBrowser(t, { bypassCSP: true })).newPage();
  await signInThroughForm(audited, gateway, token);
  await audited.getByRole('link', { name: app }).click();
  await waitFor('the probes and charts', async () => (await audited.locator('table.probes').count()) === 1 && (await audited.locator('figure.history-chart polyline').count()) >= 2, { timeoutMs: 20_000 });
  return seriousA11yViolations(audited);
}
