// The web dashboard in real headless Chromium against a real daemon (HTTPS gateway, self-signed
// certificate): sign-in, the live fleet, admin actions. A read session is in fleet-read-session.test.ts.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { InstanceRow } from '@svctl/protocol';
import { isOnline, listInstances, startOk, waitForInstances } from '../helpers/apps.js';
import { openBrowser, screenshot, seriousA11yViolations, signInThroughForm } from '../helpers/browser.js';
import { createToken, startGatewayDaemon } from '../helpers/gateway.js';
import { FIXTURES } from '../helpers/paths.js';
import { waitFor } from '../helpers/wait.js';
import { restartsOf, row, rpcFromPage, statusOf } from './fleet-page.js';

describe('the web dashboard', () => {
  it('signs in with an admin token, shows the fleet live, and stops an app from the page', async (t) => {
    const gateway = await startGatewayDaemon(t, ['--monitor-interval', '500']);
    const { home } = gateway;
    await startOk([path.join(FIXTURES, 'forever.js'), '--name', 'web'], { home });
    await startOk([path.join(FIXTURES, 'forever.js'), '--name', 'worker', '--namespace', 'jobs', '-i', '2'], { home });
    await startOk([path.join(FIXTURES, 'crash-after.js'), '--name', 'flaky', '--restart-delay', '300', '--max-restarts', '1000', '--no-wait'], { home, env: { CRASH_AFTER_MS: '700' } });
    await waitForInstances({ home }, 'web', isOnline, 1);
    await waitForInstances({ home }, 'worker', isOnline, 2);
    const token = await createToken(home, 'ops', 'admin');

    const context = await openBrowser(t);
    const page = await context.newPage();
    await signInThroughForm(page, gateway, token);

    const shown = await waitFor('every instance in the table', async () => {
      const rows = await page.locator('tr[data-app]').evaluateAll((cells) => cells.map((cell) => `${cell.getAttribute('data-app')}[${cell.getAttribute('data-instance')}]`));
      return rows.length === 4 ? rows.sort() : undefined;
    });
    assert.deepEqual(shown, ['flaky[0]', 'web[0]', 'worker[0]', 'worker[1]']);
    const namespaces = await page.locator('tbody[data-namespace]').evaluateAll((groups) => groups.map((group) => group.getAttribute('data-namespace')));
    assert.deepEqual(namespaces, ['default', 'jobs']);
    assert.equal(await row(page, 'web').locator('.status').textContent(), 'online', 'status as text, not colour alone');

    // A crash-looping app: restarts climb and its status changes, live, without reloading the page.
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));
    const firstRestarts = await waitFor('the flaky row', () => restartsOf(page, 'flaky'));
    const seen = new Set<string>();
    await waitFor(
      'the flaky row to show two more restarts and a status change',
      async () => {
        seen.add((await statusOf(page, 'flaky')) ?? '');
        return (await restartsOf(page, 'flaky')) >= firstRestarts + 2 && seen.size >= 2;
      },
      { timeoutMs: 30_000 },
    );
    // CPU and memory arrive with each sampling pass (monitor.subscribe), drawn as sparklines (rows on screen).
    const drawnLines = () => page.locator('tr[data-app="worker"] .sparkline[data-series="memory"] polyline').evaluateAll((lines) => lines.filter((line) => (line.getAttribute('points') ?? '').split(' ').length >= 2).length);
    await waitFor('memory sparklines for the worker rows', async () => (await drawnLines()) === 2, { timeoutMs: 20_000 });
    assert.match((await row(page, 'worker').locator('td.memory').textContent()) ?? '', /\d+(\.\d)? MB/);
    assert.deepEqual(navigations, [], 'the page was not reloaded');
    await screenshot(page, 'dashboard-fleet');

    // Stopping from the page: the row changes within 2 s, and svctl list agrees.
    const clicked = Date.now();
    await page.getByRole('button', { name: 'Stop web' }).click();
    await waitFor('the web row to leave online', async () => (await statusOf(page, 'web')) !== 'online', { timeoutMs: 2_000 });
    assert.ok(Date.now() - clicked <= 2_500);
    await waitFor('the web row to show stopped', async () => (await statusOf(page, 'web')) === 'stopped', { timeoutMs: 15_000 });
    const listed: InstanceRow[] = await listInstances({ home });
    assert.equal(listed.find((instance) => instance.app === 'web')?.status, 'stopped');
    assert.deepEqual(
      listed.filter((instance) => instance.app === 'worker').map((instance) => instance.status),
      ['online', 'online'],
    );

    // Delete asks for confirmation first.
    await page.getByRole('button', { name: 'Delete web' }).click();
    assert.equal((await listInstances({ home })).filter((instance) => instance.app === 'web').length, 1, 'nothing deleted before confirming');
    await page.getByRole('button', { name: 'Confirm delete' }).click();
    await waitFor('the web row to go', async () => (await row(page, 'web').count()) === 0, { timeoutMs: 15_000 });
    assert.equal((await listInstances({ home })).filter((instance) => instance.app === 'web').length, 0);

    // A mutating request with the cookie but without the CSRF token: 403.
    const noCsrf = await rpcFromPage(page, 'apps.stop', { target: 'worker' }, false);
    assert.equal(noCsrf.status, 403, noCsrf.body);
    assert.deepEqual((await listInstances({ home })).filter((instance) => instance.app === 'worker').map((instance) => instance.status), ['online', 'online']);

    // Keyboard only: Tab reaches the worker's Stop button (with a visible focus ring), Enter presses it.
    await page.locator('body').focus();
    await waitFor('Tab to reach "Stop worker"', async () => {
      await page.keyboard.press('Tab');
      return (await page.evaluate('document.activeElement?.getAttribute("aria-label")')) === 'Stop worker';
    }, { timeoutMs: 20_000 });
    assert.notEqual(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle'), 'none', 'the focused control shows a focus ring');
    await page.keyboard.press('Enter');
    await waitFor('the worker rows to show stopped', async () => (await statusOf(page, 'worker')) === 'stopped', { timeoutMs: 15_000 });

    // axe-core, in a context that lets the test inject it: no serious or critical violation.
    const audited = await (await openBrowser(t, { bypassCSP: true })).newPage();
    await signInThroughForm(audited, gateway, token);
    await waitFor('the rows', async () => (await audited.locator('tr[data-app]').count()) >= 3);
    assert.deepEqual(await seriousA11yViolations(audited), []);
  });

});
