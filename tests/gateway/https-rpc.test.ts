// The gateway over HTTPS: POST /rpc with bearer tokens and roles, against a real daemon.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { InstanceRow } from '@svctl/protocol';
import { isOnline, startOk, waitForInstances } from '../helpers/apps.js';
import { runCli } from '../helpers/cli.js';
import { createToken, httpsRequest, rpc, startGatewayDaemon } from '../helpers/gateway.js';
import { daemonLogEvents } from '../helpers/log-files.js';
import { FIXTURES } from '../helpers/paths.js';
import { waitFor } from '../helpers/wait.js';

describe('the gateway over HTTPS', () => {
  it('lets a read token list, refuses it stop (403), refuses no token (401), lets an admin token stop, and audits the stop', async (t) => {
    const gateway = await startGatewayDaemon(t);
    const { home } = gateway;
    await startOk([path.join(FIXTURES, 'forever.js'), '--name', 'web'], { home });
    await waitForInstances({ home }, 'web', isOnline, 1);
    const reader = await createToken(home, 'dashboard', 'read');
    const admin = await createToken(home, 'ops', 'admin');

    const listed = await rpc(gateway, 'apps.list', {}, reader);
    assert.equal(listed.status, 200, listed.body);
    const instances = (listed.json().result as { instances: InstanceRow[] }).instances;
    assert.deepEqual(instances.map((row) => row.app), ['web']);

    const forbidden = await rpc(gateway, 'apps.stop', { target: 'web' }, reader);
    assert.equal(forbidden.status, 403, forbidden.body);
    assert.equal((forbidden.json().error as { data: { name: string } }).data.name, 'FORBIDDEN');

    const anonymous = await rpc(gateway, 'apps.list', {});
    assert.equal(anonymous.status, 401, anonymous.body);
    assert.equal((anonymous.json().error as { data: { name: string } }).data.name, 'UNAUTHORIZED');
    assert.equal(anonymous.headers['www-authenticate'], 'Bearer realm="svctl"', 'a 401 names the scheme it accepts (RFC 9110, RFC 6750)');
    const unknown = await rpc(gateway, 'apps.list', {}, `${reader}x`);
    assert.equal(unknown.status, 401);
    assert.equal(unknown.headers['www-authenticate'], 'Bearer realm="svctl"');
    assert.equal(forbidden.headers['www-authenticate'], undefined, 'a 403 carries no challenge');

    const stopped = await rpc(gateway, 'apps.stop', { target: 'web' }, admin);
    assert.equal(stopped.status, 200, stopped.body);
    await waitForInstances({ home }, 'web', (row) => row.status === 'stopped', 1);

    const audits = await waitFor('the audit lines', () => {
      const lines = daemonLogEvents(home).filter((line) => line.event === 'audit' && line.method === 'apps.stop');
      return lines.length >= 2 ? lines : undefined;
    });
    const summary = audits.map((line) => [line.transport, line.peer, line.token, line.target, line.outcome]);
    assert.deepEqual(summary, [
      ['http', '127.0.0.1', 'dashboard', 'web', 'FORBIDDEN'],
      ['http', '127.0.0.1', 'ops', 'web', 'ok'],
    ]);
    const created = daemonLogEvents(home).filter((line) => line.event === 'audit' && line.method === 'token.create');
    assert.deepEqual(
      created.map((line) => [line.transport, line.peer, line.token, line.target, line.outcome]),
      [
        ['unix', `uid:${process.getuid?.()}`, null, 'dashboard', 'ok'],
        ['unix', `uid:${process.getuid?.()}`, null, 'ops', 'ok'],
      ],
    );
    const log = fs.readFileSync(path.join(home, 'daemon.log'), 'utf8');
    assert.ok(!log.includes(admin) && !log.includes(reader), 'no token in the daemon log');
  });

  it('keeps only hashes in tokens.json (mode 0600), lists names and roles, and a revoked token gets 401', async (t) => {
    const gateway = await startGatewayDaemon(t);
    const token = await createToken(gateway.home, 'ci', 'admin');
    const file = path.join(gateway.home, 'tokens.json');
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.ok(!fs.readFileSync(file, 'utf8').includes(token));
    assert.equal((await rpc(gateway, 'daemon.ping', {}, token)).status, 200);
    const listed = await runCli(['token', 'list'], { home: gateway.home });
    assert.match(listed.stdout, /^ci\tadmin\t\d{4}-/m);
    assert.equal((await runCli(['token', 'revoke', 'ci'], { home: gateway.home })).code, 0);
    assert.equal((await rpc(gateway, 'daemon.ping', {}, token)).status, 401);
    const again = await runCli(['token', 'revoke', 'ci'], { home: gateway.home });
    assert.equal(again.code, 1);
    assert.match(again.stderr, /no token named ci/);
  });

  it('answers 413 to a body over 1 MiB and refuses subscriptions on /rpc', async (t) => {
    const gateway = await startGatewayDaemon(t);
    const token = await createToken(gateway.home, 'ops', 'admin');
    const big = await httpsRequest(gateway, '/rpc', { method: 'POST', token, body: Buffer.alloc(1024 * 1024 + 10, 'a') });
    assert.equal(big.status, 413);
    const stream = await rpc(gateway, 'events.subscribe', {}, token);
    assert.match(stream.body, /GET \/ws/);
  });

  it('refuses a body that would pass rpc_max_partial_total with the others being received (503, LIMIT_EXCEEDED), and serves again once they go', async (t) => {
    const gateway = await startGatewayDaemon(t, ['--rpc-max-partial-total', '2M']);
    const token = await createToken(gateway.home, 'ops', 'admin');
    // Three bodies of 900 KB each, announced as 1,000,000 bytes and never finished: 2.7 MB cannot all be held.
    const answers: Array<{ status: number; body: string }> = [];
    for (let i = 0; i < 3; i++) {
      const request = https.request(`${gateway.url}/rpc`, { method: 'POST', ca: gateway.ca, agent: false, headers: { authorization: `Bearer ${token}`, 'content-length': 1_000_000 } });
      t.after(() => request.destroy());
      request.on('error', () => undefined);
      request.on('response', (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => answers.push({ status: response.statusCode ?? 0, body }));
      });
      request.write(Buffer.alloc(900_000, ' '));
    }
    const refused = await waitFor('a refused body', () => answers.find((answer) => answer.status === 503));
    assert.equal((JSON.parse(refused.body) as { error: { data: { name: string } } }).error.data.name, 'LIMIT_EXCEEDED');
    assert.match(refused.body, /rpc_max_partial_total/);
    assert.ok(answers.length < 3, 'the bodies within the bound are still being received, not refused');
    assert.equal((await rpc(gateway, 'daemon.ping', {}, token)).status, 200, 'a small request still fits');
  });

  it('serves /healthz without a token and /readyz once started', async (t) => {
    const gateway = await startGatewayDaemon(t);
    const health = await httpsRequest(gateway, '/healthz');
    assert.equal(health.status, 200);
    assert.equal(typeof health.json().version, 'string');
    assert.equal(typeof health.json().uptime_ms, 'number');
    const body = health.json() as { uptime: number; uptime_ms: number };
    assert.equal(body.uptime, Math.floor(body.uptime_ms / 1000));
    // A 405 says which methods the route takes (RFC 9110 requires Allow on every 405).
    const wrongMethod = await httpsRequest(gateway, '/rpc');
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.headers.allow, 'POST');
    const putHealth = await httpsRequest(gateway, '/healthz', { method: 'PUT' });
    assert.deepEqual([putHealth.status, putHealth.headers.allow], [405, 'GET, HEAD']);
    const ready = await httpsRequest(gateway, '/readyz');
    assert.equal(ready.status, 200);
    assert.equal(ready.json().ready, true);
    // HEAD is answered like GET, headers only (uptime checkers and load balancers send it).
    const head = await httpsRequest(gateway, '/healthz', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
    assert.equal(head.headers['content-type'], health.headers['content-type']);
  });
});
