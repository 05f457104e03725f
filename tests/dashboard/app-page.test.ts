// The dashboard's app page in real headless Chromium against a real daemon: the resolved spec with
// secrets masked, the event timeline with reason codes, and the logs (search over a 12,000-line
// backlog, stream filter, follow with pause).
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { startOk, writeAppFile } from '../helpers/apps.js';
import { openBrowser, screenshot, signInThroughForm } from '../helpers/browser.js';
import { createToken, startGatewayDaemon } from '../helpers/gateway.js';
import { FIXTURES } from '../helpers/paths.js';
import { waitFor } from '../helpers/wait.js';

const logLines = (page: Page) => page.locator('ol.log-lines li').allTextContents();
const countText = async (page: Page) => (await page.locator('p.log-count').textContent()) ?? '';

describe('the dashboard app page', () => {
  it('shows the masked spec, the events with reason codes, and searches logs written 12,000 lines earlier', async (t) => {
    const gateway = await startGatewayDaemon(t);
    const { home } = gateway;
    const file = writeAppFile(t, {
      apps: [{ name: 'spewer', script: path.join(FIXTURES, 'spew-lines.js'), args: ['12000', '40', 'out'], env: { API_TOKEN: 'hunter2-secret', MODE: 'plain' } }],
    });
    await startOk([file], { home });
    const context = await openBrowser(t);
    const page = await context.newPage();
    await signInThroughForm(page, gateway, await createToken(home, 'viewer', 'read'));
    await page.getByRole('link', { name: 'spewer' }).click();
    await waitFor('the spec', async () => ((await page.locator('pre.spec').textContent()) ?? '').includes('"name": "spewer"'));
    const spec = (await page.locator('pre.spec').textContent()) ?? '';
    assert.ok(spec.includes('"MODE": "plain"'), spec);
    assert.ok(!spec.includes('hunter2-secret'), 'the secret-looking env value is masked');
    const reasons = await page.locator('table.events code').allTextContents();
    assert.ok(reasons.length > 0 && reasons.every((reason) => /^[a-z_]+$/.test(reason)), `reason codes: ${reasons.join(', ')}`);

    // The whole run is in the backlog: the first line, 12,000 lines before the last, is found.
    await waitFor('the last line in the page', async () => (await countText(page)).startsWith('12001 of 12001'), { timeoutMs: 30_000 });
    await page.getByLabel('Search').fill('0000000001 x');
    await waitFor('one match for the first line', async () => (await countText(page)).startsWith('1 of 12001'));
    assert.match((await logLines(page))[0] ?? '', /0000000001 x+$/);
    await page.getByLabel('Regular expression').check();
    await page.getByLabel('Search').fill('^00000000(07|42) ');
    await waitFor('two regex matches', async () => (await countText(page)).startsWith('2 of 12001'));
    await page.getByLabel('Search').fill('([');
    await waitFor('an invalid pattern to be reported', async () => (await page.getByRole('alert').count()) === 1);
    await page.getByLabel('Search').fill('');
    await page.getByLabel('Stream').selectOption('err');
    await waitFor('only stderr lines', async () => {
      const lines = await logLines(page);
      return lines.some((line) => line.includes('done 12000')) && lines.every((line) => !/ out /.test(line));
    });
    await screenshot(page, 'dashboard-app-page');

    // The log file itself, downloaded with the session's cookie; without a session: 401.
    const download = await page.evaluate(async () => {
      const answer = await fetch('/logs/download?app=spewer&stream=out');
      return { status: answer.status, disposition: answer.headers.get('content-disposition'), body: await answer.text() };
    });
    assert.equal(download.status, 200);
    assert.match(download.disposition ?? '', /^attachment; filename=".+\.log"$/);
    assert.equal(download.body.split('\n').filter((line) => /^\d{10} x+$/.test(line)).length, 12000);
    assert.equal(await page.getByRole('link', { name: 'download stdout' }).count(), 1);
    const anonymous = await (await openBrowser(t)).newPage();
    await anonymous.goto(gateway.url);
    assert.equal(await anonymous.evaluate(() => fetch('/logs/download?app=spewer&stream=out').then((answer) => answer.status)), 401);
  });

  it('follows new lines within 1 s, and pauses', async (t) => {
    const gateway = await startGatewayDaemon(t);
    const { home } = gateway;
    await startOk([path.join(FIXTURES, 'stamp-lines.js'), '--name', 'stamper'], { home, env: { INTERVAL_MS: '200' } });
    const context = await openBrowser(t);
    const page = await context.newPage();
    await signInThroughForm(page, gateway, await createToken(home, 'viewer', 'read'));
    await page.getByRole('link', { name: 'stamper' }).click();

    // Each line carries the time it was written: the page shows lines less than 1 s after (same host, same clock).
    const delays: number[] = [];
    let last = '';
    await waitFor('five followed lines', async () => {
      const lines = await logLines(page);
      const newest = lines.at(-1) ?? '';
      if (newest !== last && newest.includes('stamp ')) {
        last = newest;
        delays.push(Date.now() - Number(/stamp (\d+)/.exec(newest)?.[1]));
      }
      return delays.length >= 5;
    }, { timeoutMs: 30_000, intervalMs: 10 });
    assert.ok(delays.slice(1).every((delay) => delay < 1_000), `delays ${delays.join(', ')} ms`);

    await page.getByRole('button', { name: 'Pause' }).click();
    const frozen = await logLines(page);
    await waitFor('new lines counted while paused', async () => /\((\d+) new\)/.exec((await page.getByRole('button', { name: /^Follow/ }).textContent()) ?? '')?.[1] !== '0');
    assert.deepEqual(await logLines(page), frozen, 'the paused view does not move');
    await page.getByRole('button', { name: /^Follow/ }).click();
    await waitFor('the view to catch up', async () => (await logLines(page)).at(-1) !== frozen.at(-1));
  });
});
