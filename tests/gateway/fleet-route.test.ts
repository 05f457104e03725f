// GET /fleet against a real daemon over HTTPS: apps.list's result for the dashboard's first render (its
// HTML preloads it), with the same rows and the same admission as POST /rpc, and no CSRF token (a GET changes nothing).
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { InstanceRow } from '@svctl/protocol';
import { isOnline, startOk, waitForInstances } from '../helpers/apps.js';
import { createToken, httpsRequest, rpc, startGatewayDaemon } from '../helpers/gateway.js';
import { FIXTURES } from '../helpers/paths.js';

const identity = (rows: InstanceRow[]) => rows.map((row) => `${row.namespace}/${row.app}[${row.instance}] ${row.status} pid ${row.pid}`);

describe('GET /fleet', () => {
  it("answers apps.list's result to a session cookie (no CSRF token) or a bearer token, and 401 to anyone else", async (t) => {
    const gateway = await startGatewayDaemon(t);
    const { home } = gateway;
    await startOk([path.join(FIXTURES, 'forever.js'), '--name', 'api', '--namespace', 'shop', '-i', '3'], { home });
    await waitForInstances({ home }, 'api', isOnline, 3);
    const token = await createToken(home, 'viewer', 'read');

    const listed = identity(((await rpc(gateway, 'apps.list', {}, token)).json().result as { instances: InstanceRow[] }).instances);
    assert.equal(listed.length, 3);

    const signIn = await httpsRequest(gateway, '/session', { method: 'POST', body: JSON.stringify({ token }) });
    assert.equal(signIn.status, 201, signIn.body);
    const cookie = String([signIn.headers['set-cookie']].flat()[0]).split(';')[0] ?? '';
    const withCookie = await httpsRequest(gateway, '/fleet', { headers: { cookie } });
    assert.equal(withCookie.status, 200, withCookie.body);
    assert.deepEqual(identity(withCookie.json().instances as InstanceRow[]), listed);
    assert.match(String(withCookie.headers['content-security-policy']), /default-src 'self'/);

    const withBearer = await httpsRequest(gateway, '/fleet', { token });
    assert.equal(withBearer.status, 200, withBearer.body);
    assert.deepEqual(identity(withBearer.json().instances as InstanceRow[]), listed);

    assert.equal((await httpsRequest(gateway, '/fleet')).status, 401, 'no session, no token');
    assert.equal((await httpsRequest(gateway, '/fleet', { headers: { cookie: 'svctl_session=forged' } })).status, 401);
    assert.equal((await httpsRequest(gateway, '/fleet', { method: 'POST', headers: { cookie } })).status, 405);
  });
});
