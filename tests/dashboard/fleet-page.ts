// What the fleet page tests share: the table row of an instance, its status and restarts as shown, and a request
// the page itself sends.
import type { Page } from 'playwright-core';

export const row = (page: Page, app: string, instance = 0) => page.locator(`tr[data-app="${app}"][data-instance="${instance}"]`);
export const statusOf = (page: Page, app: string) => row(page, app).getAttribute('data-status', { timeout: 1_000 });
export const restartsOf = async (page: Page, app: string) => Number(await row(page, app).locator('td.restarts').textContent({ timeout: 1_000 }));

/** A request the page itself sends (its cookie, its origin), with or without the session's CSRF token. */
export function rpcFromPage(page: Page, method: string, params: unknown, withCsrf: boolean): Promise<{ status: number; body: string }> {
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
