// Dashboard sessions against a real daemon over HTTPS: an API token exchanged for a session cookie
// and a CSRF token; the cookie authenticates POST /rpc and GET /ws with the CSRF and Origin checks.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { InstanceRow } from '@svctl/protocol';
import WebSocket from 'ws';
import { isOnline, startOk, waitForInstances } from '../helpers/apps.js';
import { runCli, runCliJson } from '../helpers/cli.js';
import { createToken, httpsRequest, startGatewayDaemon, type GatewayDaemon } from '../helpers/gateway.js';
import { FIXTURES } from '../helpers/paths.js';

interface SignedIn {
  cookie: string;
  csrf: string;
  setCookie: string;
  role: string;
  expiresAt: string;
}

async function signIn(gateway: GatewayDaemon, token: string): Promise<SignedIn> {
  const answer = await httpsRequest(gateway, '/session', { method: 'POST', body: JSON.stringify({ token }) });
  assert.equal(answer.status, 201, answer.body);
  const setCookie = ([answer.headers['set-cookie']].flat()[0] ?? '') as string;
  return { cookie: setCookie.split(';')[0] ?? '', setCookie, csrf: answer.json().csrf as string, role: answer.json().role as string, expiresAt: answer.json().expires_at as string };
}

function rpcWith(gateway: GatewayDaemon, method: string, params: unknown, headers: Record<string, string>) {
  return httpsRequest(gateway, '/rpc', { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
}

function upgradeStatus(gateway: GatewayDaemon, query: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${gateway.url.replace('https:', 'wss:')}/ws${query}`, { ca: gateway.ca, headers });
    socket.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('open', () => {
      resolve(101);
      socket.terminate();
    });
    socket.on('error', reject);
  });
}

describe('dashboard sessions', () => {
  it('exchanges a token for a cookie; the cookie needs the CSRF token to mutate, and a read session gets 403', async (t) => {
    const gateway = await startGatewayDaemon(t);
    const { home } = gateway;
    await startOk([path.join(FIXTURES, 'forever.js'), '--name', 'web'], { home });
    await waitForInstances({ home }, 'web', isOnline, 1);
    const admin = await signIn(gateway, await createToken(home, 'ops', 'admin'));

    assert.match(admin.setCookie, /^svctl_session=[\w-]{40,};/);
    for (const flag of ['HttpOnly', 'Secure', 'SameSite=Strict', 'Path=/', 'Max-Age=28800']) assert.ok(admin.setCookie.split('; ').includes(flag), `${flag} in ${admin.setCookie}`);
    // The expiry also as Expires (clients without Max-Age), the instant expires_at says.
    const expires = /; Expires=([^;]+)/.exec(admin.setCookie)?.[1];
    assert.ok(expires !== undefined, `Expires in ${admin.setCookie}`);
    assert.equal(new Date(expires).toISOString(), new Date(Math.floor(Date.parse(admin.expiresAt) / 1000) * 1000).toISOString());
    assert.equal(admin.role, 'admin');

    const bad = await httpsRequest(gateway, '/session', { method: 'POST', body: JSON.stringify({ token: 'svctl_nope' }) });
    assert.equal(bad.status, 401);
    assert.equal((await httpsRequest(gateway, '/session')).status, 401, 'no session: 401');
    assert.equal((await rpcWith(gateway, 'apps.list', {}, {})).status, 401);
    assert.equal((await rpcWith(gateway, 'apps.list', {}, { cookie: 'svctl_session=forged' })).status, 401);

    const who = await httpsRequest(gateway, '/session', { headers: { cookie: admin.cookie } });
    assert.equal(who.status, 200);
    assert.deepEqual([who.json().token, who.json().role, who.json().csrf], ['ops', 'admin', admin.csrf]);
    for (const [name, value] of Object.entries({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY' })) {
      assert.equal(who.headers[name], value);
    }
    const csp = String(who.headers['content-security-policy']);
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline/);

    const noCsrf = await rpcWith(gateway, 'apps.stop', { target: 'web' }, { cookie: admin.cookie });
    assert.equal(noCsrf.status, 403, noCsrf.body);
    assert.match(noCsrf.body, /CSRF/);
    const wrongCsrf = await rpcWith(gateway, 'apps.stop', { target: 'web' }, { cookie: admin.cookie, 'x-csrf-token': `${admin.csrf}x` });
    assert.equal(wrongCsrf.status, 403);
    const crossSite = await rpcWith(gateway, 'apps.stop', { target: 'web' }, { cookie: admin.cookie, 'x-csrf-token': admin.csrf, origin: 'https://evil.example' });
    assert.equal(crossSite.status, 403);
    const { json: rows } = await runCliJson<InstanceRow[]>(['list'], { home });
    assert.deepEqual(rows.map((row) => row.status), ['online'], 'nothing was stopped so far');

    const stopped = await rpcWith(gateway, 'apps.stop', { target: 'web' }, { cookie: admin.cookie, 'x-csrf-token': admin.csrf, origin: gateway.url });
    assert.equal(stopped.status, 200, stopped.body);
    await waitForInstances({ home }, 'web', (row) => row.status === 'stopped', 1);

    const reader = await signIn(gateway, await createToken(home, 'viewer', 'read'));
    assert.equal(reader.role, 'read');
    const list = await rpcWith(gateway, 'apps.list', {}, { cookie: reader.cookie, 'x-csrf-token': reader.csrf });
    assert.equal(list.status, 200, list.body);
    const forbidden = await rpcWith(gateway, 'apps.start', { target: 'web' }, { cookie: reader.cookie, 'x-csrf-token': reader.csrf });
    assert.equal(forbidden.status, 403, forbidden.body);
    assert.equal((forbidden.json().error as { data: { name: string } }).data.name, 'FORBIDDEN');

    const signOutNoCsrf = await httpsRequest(gateway, '/session', { method: 'DELETE', headers: { cookie: reader.cookie } });
    assert.equal(signOutNoCsrf.status, 403, 'another site cannot sign the user out');
    const signOut = await httpsRequest(gateway, '/session', { method: 'DELETE', headers: { cookie: reader.cookie, 'x-csrf-token': reader.csrf } });
    assert.equal(signOut.status, 200);
    assert.match(String(signOut.headers['set-cookie']), /Max-Age=0/);
    assert.equal((await rpcWith(gateway, 'apps.list', {}, { cookie: reader.cookie, 'x-csrf-token': reader.csrf })).status, 401, 'signed out on the daemon');

    assert.equal((await runCli(['token', 'revoke', 'ops'], { home })).code, 0);
    assert.equal((await httpsRequest(gateway, '/session', { headers: { cookie: admin.cookie } })).status, 401, 'a revoked token ends its sessions');
  });

  it('lets a session cookie open /ws only from its own origin and with the CSRF token', async (t) => {
    const gateway = await startGatewayDaemon(t);
    const session = await signIn(gateway, await createToken(gateway.home, 'ops', 'admin'));
    const origin = gateway.url;
    assert.equal(await upgradeStatus(gateway, '', {}), 401);
    assert.equal(await upgradeStatus(gateway, `?csrf=${session.csrf}`, { cookie: session.cookie }), 403, 'no Origin');
    assert.equal(await upgradeStatus(gateway, `?csrf=${session.csrf}`, { cookie: session.cookie, origin: 'https://evil.example' }), 403);
    assert.equal(await upgradeStatus(gateway, '', { cookie: session.cookie, origin }), 403, 'no CSRF token');
    assert.equal(await upgradeStatus(gateway, `?csrf=${session.csrf}`, { cookie: session.cookie, origin }), 101);

    // Signing out closes the session's open WebSocket (code 1008), not only future requests.
    const socket = new WebSocket(`${gateway.url.replace('https:', 'wss:')}/ws?csrf=${session.csrf}`, { ca: gateway.ca, headers: { cookie: session.cookie, origin } });
    t.after(() => socket.terminate());
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const signOut = await httpsRequest(gateway, '/session', { method: 'DELETE', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf } });
    assert.equal(signOut.status, 200);
    assert.equal(await closed, 1008);
  });
});
