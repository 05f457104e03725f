// A real headless browser for tests: Debian's chromium driven by playwright-core (no browser download),
// closed on cleanup. .ci/run installs chromium when it is missing.
import { execFileSync } from 'node:child_process';
import type { TestContext } from 'node:test';
import { chromium, type Browser } from 'playwright-core';

export function chromiumPath(): string {
  return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();
}

export async function launchChromium(t: TestContext): Promise<Browser> {
  // --no-sandbox: Chromium's sandbox refuses to run as root (CI containers).
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox'] });
  t.after(() => browser.close());
  return browser;
}
