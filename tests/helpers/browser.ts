// Real headless Chromium (Debian's /usr/bin/chromium, installed by .ci/run) driven by playwright-core,
// for the dashboard's end-to-end tests. Screenshots go to test-artifacts/ (uploaded by CI).
import fs from 'node:fs';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT } from './paths.js';

export const CHROMIUM = process.env.SVCTL_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');

/** A fresh browser context (its own cookies) that trusts the test's self-signed certificate; closed on cleanup. */
export async function openBrowser(t: TestContext): Promise<BrowserContext> {
  // Chromium's sandbox cannot start as root (CI containers run as root).
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
  t.after(() => browser.close());
  return browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 800 } });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}
