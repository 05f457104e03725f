// Real headless Chromium (Debian's /usr/bin/chromium, installed by .ci/run) driven by playwright-core,
// for the dashboard's end-to-end tests. Screenshots go to test-artifacts/ (uploaded by CI).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, type TestContext } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { GatewayDaemon } from './gateway.js';
import { REPO_ROOT } from './paths.js';
import { waitFor } from './wait.js';

const require = createRequire(import.meta.url);

export const CHROMIUM = process.env.SVCTL_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');

// One Chromium per test file, launched by the first test that needs it and closed once the file's tests are done
// (a hook registered here, at import time, belongs to the file rather than to a test). Each test still gets fresh
// contexts of its own: cookies, storage and pages are never shared between tests.
let launched: Promise<Browser> | undefined;
after(async () => {
  // A launch that failed has failed its test already.
  await (await launched?.catch(() => undefined))?.close();
});

function fileBrowser(): Promise<Browser> {
  // Chromium's sandbox cannot start as root, nor on CI runners that restrict user namespaces.
  const noSandbox = process.getuid?.() === 0 || process.env.CI === 'true';
  launched ??= chromium.launch({ executablePath: CHROMIUM, headless: true, args: noSandbox ? ['--no-sandbox'] : [] });
  return launched;
}

/**
 * A fresh browser context (its own cookies) that trusts the test's self-signed certificate; closed on cleanup.
 * bypassCSP only for injecting test tools (axe-core): the dashboard's own tests run under its CSP.
 */
export async function openBrowser(t: TestContext, options: { bypassCSP?: boolean } = {}): Promise<BrowserContext> {
  const context = await (await fileBrowser()).newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 800 }, bypassCSP: options.bypassCSP === true });
  t.after(() => context.close());
  return context;
}

/** axe-core's serious and critical violations on the page as it is now (rule id and the elements concerned). */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown }> }> }> } }).axe;
    const { violations } = await axe.run();
    return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => `${violation.id}: ${JSON.stringify(violation.nodes.map((node) => node.target))}`);
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Opens the dashboard, signs in through its form, and waits until the fleet is live. */
export async function signInThroughForm(page: Page, gateway: GatewayDaemon, token: string): Promise<void> {
  await page.goto(gateway.url);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await waitFor('the fleet to be live', async () => (await page.getByRole('status').filter({ hasText: 'Live' }).count()) === 1, { timeoutMs: 20_000 });
}
