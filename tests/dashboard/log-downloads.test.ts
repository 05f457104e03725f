// The app page's log downloads in real headless Chromium against a real daemon: besides each stream's
// current file, the rotated files on disk (`.1` the newest) are offered and served with the session's
// cookie (issue 14 item 4).
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { startOk, writeAppFile } from '../helpers/apps.js';
import { openBrowser, signInThroughForm } from '../helpers/browser.js';
import { createToken, startGatewayDaemon } from '../helpers/gateway.js';
import { FIXTURES } from '../helpers/paths.js';
import { waitFor } from '../helpers/wait.js';

interface Listed {
  instance: number;
  stream: string;
  rotated: number;
  name: string;
  bytes: number;
}

/** GET `url` from the page (its cookie): status, content-disposition and body. */
const fetchFromPage = (page: Page, url: string) =>
  page.evaluate(async (url) => {
    const answer = await fetch(url);
    return { status: answer.status, disposition: answer.headers.get('content-disposition') ?? '', body: await answer.text() };
  }, url);

describe('the dashboard log downloads', () => {
  it('offer the rotated log files beside the current ones, and serve them', async (t) => {
    const gateway = await startGatewayDaemon(t);
    const { home } = gateway;
    // 4,000 lines of 40 bytes (160 KB) into files rotated at 64 KB: `.1` and `.2` at least.
    const file = writeAppFile(t, { apps: [{ name: 'rotating', script: path.join(FIXTURES, 'spew-lines.js'), args: ['4000', '40', 'out'], log_max_size: '64K', log_max_files: 3 }] });
    await startOk([file], { home });
    const context = await openBrowser(t);
    const page = await context.newPage();
    await signInThroughForm(page, gateway, await createToken(home, 'viewer', 'read'));

    const listed = await waitFor(
      'two rotated stdout files listed',
      async () => {
        const answer = await fetchFromPage(page, '/logs/files?app=rotating');
        const files = answer.status === 200 ? (JSON.parse(answer.body) as { files: Listed[] }).files : [];
        return files.filter((one) => one.stream === 'out' && one.rotated > 0).length >= 2 ? files : undefined;
      },
      { timeoutMs: 30_000 },
    );
    const newest = listed.find((one) => one.stream === 'out' && one.rotated === 1);
    assert.match(newest?.name ?? '', /\.log\.1$/);
    assert.ok((newest?.bytes ?? 0) >= 64 * 1024, `a rotated file holds at least the rotation size: ${newest?.bytes}`);

    await page.getByRole('link', { name: 'rotating' }).click();
    const link = page.getByRole('link', { name: 'download rotated stdout file 1 of instance 0' });
    await waitFor('the newest rotated stdout file offered on the app page', async () => (await link.count()) === 1);
    assert.equal(await page.getByRole('link', { name: 'download rotated stdout file 2 of instance 0' }).count(), 1);
    const download = await fetchFromPage(page, (await link.getAttribute('href')) ?? '');
    assert.equal(download.status, 200);
    assert.match(download.disposition, /^attachment; filename=".+\.log\.1"$/);
    assert.ok(download.body.length >= 64 * 1024 && /\d{10} x+\n/.test(download.body), 'the rotated file as on disk');

    assert.equal((await fetchFromPage(page, '/logs/download?app=rotating&stream=out&rotated=99')).status, 404, 'no such rotated file');
    const anonymous = await (await openBrowser(t)).newPage();
    await anonymous.goto(gateway.url);
    assert.equal((await fetchFromPage(anonymous, '/logs/files?app=rotating')).status, 401);
  });
});
