// A fleet taller than the screen, in real headless Chromium against a real daemon: every row is in the
// table from the first render, and only the rows on screen get their sparklines drawn (a sample tick
// costs nothing for the others); a row scrolled into view is drawn then. The first list comes preloaded.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { isOnline, startOk, waitForInstances, writeAppFile } from '../helpers/apps.js';
import { openBrowser, signInThroughForm } from '../helpers/browser.js';
import { createToken, startGatewayDaemon } from '../helpers/gateway.js';
import { waitFor } from '../helpers/wait.js';

const INSTANCES = 60;

/** Whether the memory sparkline of instance `instance` of `many` shows a line (two points or more). */
const drawn = (page: Page, instance: number) =>
  page
    .locator(`tr[data-app="many"][data-instance="${instance}"] .sparkline[data-series="memory"] polyline`)
    .evaluateAll((lines) => lines.some((line) => (line.getAttribute('points') ?? '').split(' ').length >= 2));

describe('the dashboard with a fleet taller than the screen', () => {
  it('renders every row, and draws the sparklines of the rows on screen only, the others once scrolled to', async (t) => {
    const gateway = await startGatewayDaemon(t, ['--monitor-interval', '500']);
    const { home } = gateway;
    const sleep = execFileSync('sh', ['-c', 'command -v sleep']).toString().trim();
    const file = writeAppFile(t, { apps: [{ name: 'many', script: sleep, args: ['100000'], interpreter: 'none', instances: INSTANCES }] });
    await startOk([file], { home });
    await waitForInstances({ home }, 'many', isOnline, INSTANCES, 60_000);
    const token = await createToken(home, 'viewer', 'read');

    const context = await openBrowser(t);
    const page = await context.newPage();
    await signInThroughForm(page, gateway, token);
    await waitFor('every row in the table', async () => (await page.locator('tr[data-app="many"]').count()) === INSTANCES);

    // Rows are ~30 px tall in an 800 px viewport: the first is on screen, the last ~1,800 px below it.
    await waitFor('the first row to show its memory sparkline', () => drawn(page, 0), { timeoutMs: 20_000 });
    assert.equal(await drawn(page, INSTANCES - 1), false, 'a row far below the screen has no line drawn');

    await page.locator(`tr[data-app="many"][data-instance="${INSTANCES - 1}"]`).scrollIntoViewIfNeeded();
    await waitFor('the last row, scrolled into view, to show its line', () => drawn(page, INSTANCES - 1), { timeoutMs: 10_000 });

    // Loaded again while signed in: the page's HTML asks for the first list itself (a preload, sent while the
    // script loads) and the script takes that answer: one GET /fleet, and no POST /rpc before every row is shown.
    const requests: Array<{ path: string; method: string; type: string }> = [];
    page.on('request', (request) => requests.push({ path: new URL(request.url()).pathname, method: request.method(), type: request.resourceType() }));
    await page.locator('h1').scrollIntoViewIfNeeded(); // back to the top: a reload keeps the scroll position
    await page.reload();
    await waitFor('every row in the table again', async () => (await page.locator('tr[data-app="many"]').count()) === INSTANCES);
    assert.deepEqual(
      requests.filter((request) => request.path === '/fleet' || request.path === '/rpc'),
      [{ path: '/fleet', method: 'GET', type: 'other' }],
      'the first list preloaded by the HTML, once',
    );
    // Rows are rendered without sparkline slots; the painter adds them to the rows on screen only.
    await waitFor('the first row to show its memory sparkline again', () => drawn(page, 0), { timeoutMs: 20_000 });
    assert.equal(await page.locator(`tr[data-app="many"][data-instance="${INSTANCES - 1}"] .sparkline`).count(), 0, 'no slot in a row far below the screen');
  });
});
