// The gateway over WSS: the same JSON-RPC messages and subscriptions as the Unix socket.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import WebSocket from 'ws';
import { isOnline, startOk, waitForInstances } from '../helpers/apps.js';
import { connectWs, createToken, startGatewayDaemon } from '../helpers/gateway.js';
import { runCli } from '../helpers/cli.js';
import { daemonLogEvents } from '../helpers/log-files.js';
import { FIXTURES } from '../helpers/paths.js';
import { waitFor } from '../helpers/wait.js';

type Message = Record<string, unknown>;
const answerTo = (messages: Message[], id: number) => waitFor(`the answer to request ${id}`, () => messages.find((message) => message.id === id));
const errorName = (message: Message) => (message.error as { data?: { name?: string } } | undefined)?.data?.name;

describe('the gateway over WSS', () => {
  it('lets a read token list and follow logs, refuses it stop, and lets an admin token stop', async (t) => {
    const gateway = await startGatewayDaemon(t);
    const { home } = gateway;
    await startOk([path.join(FIXTURES, 'chatty.js'), '--name', 'talker'], { home, env: { INTERVAL_MS: '100' } });
    await waitForInstances({ home }, 'talker', isOnline, 1);
    const reader = await connectWs(t, gateway, await createToken(home, 'viewer', 'read'));
    const send = (client: { socket: WebSocket }, id: number, method: string, params: unknown) => client.socket.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));

    send(reader, 1, 'apps.list', {});
    const listed = await answerTo(reader.messages, 1);
    assert.deepEqual((listed.result as { instances: Array<{ app: string }> }).instances.map((row) => row.app), ['talker']);

    send(reader, 2, 'logs.tail', { target: 'talker', follow: true, lines: 1 });
    const subscription = ((await answerTo(reader.messages, 2)).result as { subscription: string }).subscription;
    await waitFor('followed log lines', () => {
      const lines = reader.messages
        .filter((message) => message.method === '$/subscription' && (message.params as { subscription: string }).subscription === subscription)
        .flatMap((message) => ((message.params as { item?: { entries: Array<{ msg: string }> } }).item?.entries ?? []).map((entry) => entry.msg))
        .filter((msg) => msg.startsWith('line '));
      return lines.length >= 3;
    }, { timeoutMs: 30_000 });

    send(reader, 3, 'apps.stop', { target: 'talker' });
    assert.equal(errorName(await answerTo(reader.messages, 3)), 'FORBIDDEN');

    const admin = await connectWs(t, gateway, await createToken(home, 'ops', 'admin'));
    send(admin, 1, 'apps.stop', { target: 'talker' });
    const stopped = await answerTo(admin.messages, 1);
    assert.equal(stopped.error, undefined, JSON.stringify(stopped));
    await waitForInstances({ home }, 'talker', (row) => row.status === 'stopped', 1);
  });

  it('refuses an upgrade without a token (401) and closes a connection that sends a message over 1 MiB', async (t) => {
    const gateway = await startGatewayDaemon(t);
    const refused = await new Promise<{ status: number; challenge: unknown }>((resolve, reject) => {
      const socket = new WebSocket(`${gateway.url.replace('https:', 'wss:')}/ws`, { ca: gateway.ca });
      socket.on('unexpected-response', (_request, response) => {
        resolve({ status: response.statusCode ?? 0, challenge: response.headers['www-authenticate'] });
        socket.terminate();
      });
      socket.on('open', () => reject(new Error('the upgrade was accepted without a token')));
      socket.on('error', () => undefined);
    });
    assert.deepEqual(refused, { status: 401, challenge: 'Bearer realm="svctl"' });

    const client = await connectWs(t, gateway, await createToken(gateway.home, 'ops', 'admin'));
    client.socket.send('x'.repeat(1024 * 1024 + 1));
    assert.equal(await client.closed, 1009);
  });

  it('closes the open WebSocket connections of a token when it is revoked (1008), and only those', async (t) => {
    const gateway = await startGatewayDaemon(t);
    const revoked = await connectWs(t, gateway, await createToken(gateway.home, 'leaver', 'read'));
    const kept = await connectWs(t, gateway, await createToken(gateway.home, 'stayer', 'read'));
    revoked.socket.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'events.subscribe', params: {} }));
    await answerTo(revoked.messages, 1);
    assert.equal((await runCli(['token', 'revoke', 'leaver'], { home: gateway.home })).code, 0);
    let closeCode: number | undefined;
    void revoked.closed.then((code) => (closeCode = code));
    assert.equal(await waitFor('the revoked token\'s connection to close', () => closeCode), 1008);
    kept.socket.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'daemon.ping', params: {} }));
    assert.equal((await answerTo(kept.messages, 1)).error, undefined);
  });

  it('stops reading from a client that leaves answers unread past rpc_max_unread, cuts it off with SLOW_CONSUMER after rpc_stall_timeout, and keeps serving others', async (t) => {
    const gateway = await startGatewayDaemon(t, ['--rpc-max-unread', '256K', '--rpc-stall-timeout', '2s', '--http-rate', '10000', '--http-burst', '10000']);
    // Each describe answer carries 100 KB of variables: 400 of them are far more than the kernel's socket buffers hold.
    const file = path.join(gateway.home, 'bulky.json');
    fs.writeFileSync(file, JSON.stringify({ apps: [{ name: 'bulky', script: 'sleep', args: '300', env: { PAYLOAD_1: 'x'.repeat(50 * 1024), PAYLOAD_2: 'y'.repeat(50 * 1024) } }] }));
    await startOk([file], { home: gateway.home });
    const token = await createToken(gateway.home, 'ops', 'read');
    const reader = await connectWs(t, gateway, token);
    reader.socket.pause();
    for (let id = 1; id <= 400; id++) reader.socket.send(JSON.stringify({ jsonrpc: '2.0', id, method: 'apps.describe', params: { target: 'bulky' } }));

    const cut = await waitFor('the slow client cut off', () => daemonLogEvents(gateway.home).find((line) => line.code === 'SLOW_CONSUMER' && String(line.msg).startsWith('websocket client cut off')));
    assert.equal(cut.token, 'ops');
    const other = await connectWs(t, gateway, token);
    other.socket.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'daemon.ping', params: {} }));
    assert.ok('result' in (await answerTo(other.messages, 1)), 'another client is served');
    reader.socket.resume();
    assert.ok([1006, 1008].includes(await reader.closed), 'the slow client is closed');
    assert.ok(reader.messages.length < 400, `it did not get every answer: ${reader.messages.length}`);
  });
});
