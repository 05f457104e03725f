// The web dashboard in real headless Chromium against a real daemon (HTTPS gateway, self-signed
// certificate): a read session sees no action controls and cannot act by hand; no session gets 401.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isOnline, listInstances, startOk, waitForInstances } from '../helpers/apps.js';
import { openBrowser, screenshot, signInThroughForm } from '../helpers/browser.js';
import { createToken, startGatewayDaemon } from '../helpers/gateway.js';
import { FIXTURES } from '../helpers/paths.js';
import { waitFor } from '../helpers/wait.js';
import { rpcFromPage, statusOf } from './fleet-page.js';

describe('the web dashboard', () => {
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
