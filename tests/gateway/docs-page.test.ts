// The API documents and the /docs page, served by a real daemon's gateway and rendered in headless Chromium.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ALL_METHODS } from '@svctl/protocol';
import { openBrowser } from '../helpers/browser.js';
import { startDaemon } from '../helpers/daemon.js';
import { httpsRequest, startGatewayDaemon } from '../helpers/gateway.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { waitFor } from '../helpers/wait.js';
import { freePort } from '../health/health-helpers.js';

const METHOD_NAMES = ALL_METHODS.map((method) => method.name);
const PAGE_FILES = ['/docs', '/docs/init.js', '/docs/swagger-ui-bundle.js', '/docs/swagger-ui.css', '/docs/favicon.png'];

describe('the API documents and /docs', () => {
  it('serves the committed openrpc.json and openapi.json and the page files without a token, the page under a CSP without unsafe-inline', async (t) => {
    const gateway = await startGatewayDaemon(t);
    for (const name of ['openrpc.json', 'openapi.json']) {
      const answer = await httpsRequest(gateway, `/${name}`);
      assert.equal(answer.status, 200, name);
      assert.equal(answer.headers['content-type'], 'application/json');
      assert.equal(answer.body, fs.readFileSync(path.join(REPO_ROOT, 'docs', name), 'utf8'), `${name} is the committed document`);
    }
    for (const file of PAGE_FILES) {
      const answer = await httpsRequest(gateway, file);
      assert.equal(answer.status, 200, file);
      assert.ok(Number(answer.headers['content-length']) > 0, file);
      assert.equal(answer.headers['x-content-type-options'], 'nosniff', file);
    }
    const page = await httpsRequest(gateway, '/docs');
    assert.match(String(page.headers['content-type']), /^text\/html/);
    const csp = String(page.headers['content-security-policy']);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(page.headers['x-frame-options'], 'DENY');
    assert.equal(page.headers['referrer-policy'], 'no-referrer');
    const missing = await httpsRequest(gateway, '/docs/nothing.js');
    assert.equal(missing.status, 404);
    assert.equal(missing.headers['x-content-type-options'], 'nosniff', 'JSON answers are never sniffed as a page');
  });

  it('rate-limits the documents per client address like the other open routes (429 with Retry-After)', async (t) => {
    // One token back every 10 s: six requests of a 100 KB document stay over the burst even on a loaded machine.
    const gateway = await startGatewayDaemon(t, ['--http-rate', '0.1', '--http-burst', '3']);
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await httpsRequest(gateway, '/openapi.json'));
    const limited = answers.filter((answer) => answer.status === 429);
    assert.ok(limited.length >= 2, `statuses: ${answers.map((answer) => answer.status).join(',')}`);
    assert.ok(Number(limited[0]?.headers['retry-after']) >= 1);
  });

  it('renders in headless Chromium with every method of the protocol, loading nothing from elsewhere and breaking no CSP rule', async (t) => {
    const port = await freePort();
    await startDaemon(t, { args: ['--http', `127.0.0.1:${port}`] });
    const origin = `http://127.0.0.1:${port}`;
    const browser = await openBrowser(t);
    const page = await browser.newPage();
    page.setDefaultTimeout(60_000);
    const problems: string[] = [];
    const elsewhere: string[] = [];
    page.on('console', (message) => {
      // CSP violations, failed loads and script errors are logged as errors.
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
    page.on('request', (request) => {
      if (!request.url().startsWith(`${origin}/`) && !request.url().startsWith('data:')) elsewhere.push(request.url());
    });

    const response = await page.goto(`${origin}/docs`);
    assert.equal(response?.status(), 200);
    // Swagger UI fetches openapi.json and renders it: poll the rendered text until every method is there. The text is
    // read over the DevTools protocol, to which the page's CSP does not apply: a waitForFunction string predicate is
    // eval'd in the page on every poll after the first, which that CSP rightly refuses (no 'unsafe-eval').
    let text = '';
    const failure = await waitFor(
      'every method on the page',
      async () => {
        text = await page.evaluate<string>('document.body.innerText');
        return METHOD_NAMES.every((name) => text.includes(name));
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    ).then(
      () => undefined,
      (error: unknown) => String(error),
    );
    assert.equal(failure, undefined, `${failure}; missing from the page: ${METHOD_NAMES.filter((name) => !text.includes(name)).join(', ')}; ${problems.join('; ')}`);
    assert.match(text, /svctl gateway/);
    assert.match(text, /\/rpc/);
    assert.deepEqual(elsewhere, [], 'no request leaves the daemon (no CDN)');
    assert.deepEqual(problems, []);
  });
});
