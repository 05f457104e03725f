// The web dashboard in real headless Chromium against a real daemon (HTTPS gateway, self-signed
// certificate): sign-in, the live fleet, admin actions, a read session without controls.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { InstanceRow } from '@svctl/protocol';
import type { Page } from 'playwright-core';
import { isOnline, listInstances, startOk, waitForInstances } from '../helpers/apps.js';
import { openBrowser, screenshot, seriousA11yViolations, signInThroughForm } from '../helpers/browser.js';
import { createToken, startGatewayDaemon } from '../helpers/gateway.js';
import { FIXTURES } from '../helpers/paths.js';
import { waitFor } from '../helpers/wait.js';

const row = (page: Page, app: string, instance = 0) => page.locator(`tr[data-app="${app}"][data-instance="${instance}"]`);
const statusOf = (page: Page, app: string) => row(page, app).getAttribute('data-status', { timeout: 1_000 });
const restartsOf = async (page: Page, app: string) => Number(await row(page, app).locator('td.restarts').textContent({ timeout: 1_000 }));

/** A request the page itself sends (its cookie, its origin), with or without the session's CSRF token. */
function rpcFromPage(page: Page, method: string, params: unknown, withCsrf: boolean): Promise<{ status: number; body: string }> {
  return page.evaluate(
    async ({ method, params, withCsrf }) => {
      const session = await fetch('/session');
      const csrf = session.ok ? ((await session.json()) as { csrf: string }).csrf : '';
      const answer = await fetch('/rpc', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(withCsrf ? { 'x-csrf-token': csrf } : {}) },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
      });
      return { status: answer.status, body: await answer.text() };
    },
    { method, params, withCsrf },
  );
}

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

  it('shows a read session no action controls; the same request by hand gets 403; no session gets 401', async (t) => {
    const gateway = await startGatewayDaemon(t);
    const { home } = gateway;
    await startOk([path.join(FIXTURES, 'forever.js'), '--name', 'web'], { home });
    await waitForInstances({ home }, 'web', isOnline, 1);
    const token = await createToken(home, 'viewer', 'read');

    const context = await openBrowser(t);
    const anonymous = await context.newPage();
    await anonymous.goto(gateway.url);
    assert.equal((await anonymous.evaluate(() => fetch('/session').then((answer) => answer.status))), 401);
    const noSession = await rpcFromPage(anonymous, 'apps.list', {}, false);
    assert.equal(noSession.status, 401);
    assert.equal(await anonymous.getByLabel('API token').count(), 1, 'without a session the page shows the sign-in form');

    const page = await context.newPage();
    await signInThroughForm(page, gateway, token);
    await waitFor('the web row', async () => (await statusOf(page, 'web')) === 'online');
    assert.equal(await page.locator('.actions').count(), 0);
    assert.equal(await page.getByRole('button', { name: /^(Start|Stop|Restart|Reload|Delete|Scale)\b/ }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Save process list' }).count(), 0);
    await screenshot(page, 'dashboard-fleet-read-only');

    const forged = await rpcFromPage(page, 'apps.stop', { target: 'web' }, true);
    assert.equal(forged.status, 403, forged.body);
    assert.match(forged.body, /FORBIDDEN/);
    assert.equal((await listInstances({ home }))[0]?.status, 'online');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await waitFor('the sign-in form again', async () => (await page.getByLabel('API token').count()) === 1);
    assert.equal((await rpcFromPage(page, 'apps.list', {}, true)).status, 401, 'signed out on the daemon');
  });
});
