// The dashboard's search over the log files (logs.search) in real headless Chromium against a real
// daemon: a line written 30,000 lines earlier, beyond the 20,000-line backlog the page holds and in a
// rotated file by now, is found from the page; a pattern RE2 does not run is refused, saying why.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { startOk, writeAppFile } from '../helpers/apps.js';
import { runCli } from '../helpers/cli.js';
import { openBrowser, signInThroughForm } from '../helpers/browser.js';
import { createToken, startGatewayDaemon } from '../helpers/gateway.js';
import { FIXTURES } from '../helpers/paths.js';
import { waitFor } from '../helpers/wait.js';

const text = async (page: Page, selector: string) => (await page.locator(selector).textContent({ timeout: 1_000 })) ?? '';

describe('the dashboard log search over the files', () => {
  it('finds a line written 30,000 lines earlier, beyond the backlog, in a rotated file', async (t) => {
    const gateway = await startGatewayDaemon(t);
    const { home } = gateway;
    // 30,001 lines of 40 bytes (1.2 MB) rotated at 256 KiB: the first line is in a rotated file.
    const file = writeAppFile(t, {
      apps: [{ name: 'spewer', script: path.join(FIXTURES, 'spew-lines.js'), args: ['30001', '40', 'out'], log_max_size: '256K', log_max_files: 10 }],
    });
    await startOk([file], { home });
    // Written to the end before the page opens: its backlog is then the newest 20,000 lines, nothing followed.
    await waitFor('the whole run written', async () => (await runCli(['logs', 'spewer', '--err', '--lines', '1'], { home })).stdout.includes('done 30001'), { timeoutMs: 90_000, intervalMs: 250 });
    const context = await openBrowser(t);
    const page = await context.newPage();
    await signInThroughForm(page, gateway, await createToken(home, 'viewer', 'read'));
    await page.getByRole('link', { name: 'spewer' }).click();
    await waitFor('the backlog in the page', async () => / of 20001 lines/.test(await text(page, 'p.log-count')), { timeoutMs: 60_000, intervalMs: 200 });

    // The page holds the newest 20,000 lines of stdout: the first line is not among them.
    await page.getByLabel('Search').fill('0000000001 x');
    await waitFor('no match in the page', async () => (await text(page, 'p.log-count')).startsWith('0 of 20001'), { timeoutMs: 30_000 });
    await page.getByRole('button', { name: 'Search the log files' }).click();
    await waitFor('the files searched', async () => (await page.locator('p.file-search-count').count()) === 1, { timeoutMs: 30_000 });
    assert.match(await text(page, 'p.file-search-count'), /^1 match for 0000000001 x in the log files \(\d+(\.\d)? MB read from \d+ files\)$/);
    const found = await page.locator('ol.file-matches li').allTextContents();
    assert.deepEqual(found.map((line) => line.replace(/x+$/, 'x…')), ['[0] out 0000000001 x…']);

    // A regular expression, RE2 syntax: lines 1 to 9 and 30,000 to 30,001 (newest first is how it reads, oldest first is how it shows).
    await page.getByLabel('Regular expression').check();
    await page.getByLabel('Search').fill('^(000000000[1-9]|000003000[01]) ');
    await page.getByRole('button', { name: 'Search the log files' }).click();
    await waitFor('eleven matches', async () => (await text(page, 'p.file-search-count')).startsWith('11 matches'), { timeoutMs: 30_000 });
    const numbers = (await page.locator('ol.file-matches li').allTextContents()).map((line) => Number(/out (\d{10})/.exec(line)?.[1]));
    assert.deepEqual(numbers, [1, 2, 3, 4, 5, 6, 7, 8, 9, 30000, 30001]);

    // A backreference: refused by the daemon (RE2 runs in linear time and has none), said on the page.
    await page.getByLabel('Search').fill('(0)\\1');
    await page.getByRole('button', { name: 'Search the log files' }).click();
    await waitFor('the refusal', async () => (await page.locator('.file-search [role="alert"]').count()) === 1, { timeoutMs: 30_000 });
    assert.match(await text(page, '.file-search [role="alert"]'), /RE2 syntax.*invalid escape sequence/);
  });
});
