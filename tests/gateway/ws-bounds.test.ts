// The gateway's WebSocket clients count in the daemon-wide totals the Unix socket's clients count in:
// half-received messages in rpc_max_partial_total, unread answers in rpc_max_unread_total. Past a total,
// the clients that would pass it are cut off with an error while the daemon keeps serving the others.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { startOk, writeAppFile } from '../helpers/apps.js';
import { assertPingWithinASecond, RSS_LIMIT_KB, watchPeakRss } from '../helpers/bounds.js';
import { connectWs, createToken, openRawWebSocket, startGatewayDaemon, textFrameHeader, type GatewayDaemon, type RawWebSocket } from '../helpers/gateway.js';
import { daemonLogEvents } from '../helpers/log-files.js';
import { FIXTURES } from '../helpers/paths.js';
import { waitFor } from '../helpers/wait.js';

const MIB = 1024 * 1024;

function cutOffCount(home: string, code: string): number {
  return daemonLogEvents(home).filter((line) => line.code === code && String(line.msg).startsWith('websocket client cut off')).length;
}

/** A WebSocket client that is not misbehaving still gets its ping answered. */
async function assertAnotherClientServed(t: Parameters<typeof connectWs>[0], gateway: GatewayDaemon, token: string): Promise<void> {
  const other = await connectWs(t, gateway, token);
  other.socket.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'daemon.ping', params: {} }));
  const answer = await waitFor('the other client\'s ping answer', () => other.messages.find((message) => message.id === 1));
  assert.ok('result' in answer, JSON.stringify(answer));
}

describe('WebSocket clients in the daemon-wide totals', () => {
  it('holds messages half-sent by 48 WebSocket clients to rpc_max_partial_total, cuts the rest off with LIMIT_EXCEEDED, and keeps serving', async (t) => {
    const gateway = await startGatewayDaemon(t, ['--http-rate', '10000', '--http-burst', '10000']);
    const token = await createToken(gateway.home, 'ops', 'read');
    const peak = watchPeakRss(t, gateway.pid);
    const clients: RawWebSocket[] = [];
    for (let i = 0; i < 48; i++) clients.push(await openRawWebSocket(t, gateway, token));
    // Each announces a 1,000,000-byte message (within ws's 1 MiB) and sends 600 kB of it: 28.8 MB in all.
    const half = Buffer.alloc(600_000, 0x61);
    for (const client of clients) client.socket.write(Buffer.concat([textFrameHeader(1_000_000), half]));
    // 16 MiB (the default total) holds 27 of them whole: every other one is cut off.
    const mostHeld = Math.floor((16 * MIB) / half.length);
    // A cut-off client is sent its error first and closed a moment later: either marks it as cut.
    const cut = () => clients.filter((client) => client.closed() || client.received() !== '');
    await waitFor('the clients past the total cut off', () => cut().length >= clients.length - mostHeld, { timeoutMs: 30_000, intervalMs: 100 });
    // Whatever a client was sent before its message is whole is the error that cuts it off.
    for (const client of cut()) assert.match(client.received(), /"name":"LIMIT_EXCEEDED"/, 'a cut-off client is told why');
    await waitFor('the cut-offs in the daemon log', () => cutOffCount(gateway.home, 'LIMIT_EXCEEDED') >= clients.length - mostHeld, { timeoutMs: 10_000 });
    assert.ok(cut().length < clients.length, 'the clients within the total are held, not cut off');
    await assertPingWithinASecond(gateway.home);
    await assertAnotherClientServed(t, gateway, token);
    const peakKb = peak();
    t.diagnostic(`${cut().length} of ${clients.length} cut off; RSS peak ${Math.round(peakKb / 1024)} MB`);
    assert.ok(peakKb < RSS_LIMIT_KB, `daemon RSS peaked at ${Math.round(peakKb / 1024)} MB`);
  });

  it('counts the answers WebSocket subscribers leave unread in rpc_max_unread_total: past it they are cut off with SLOW_CONSUMER', async (t) => {
    // Each follower's own bound is far above what it is sent: only the total can stop them.
    const gateway = await startGatewayDaemon(t, ['--rpc-max-unread', '256M', '--rpc-stall-timeout', '2s', '--http-rate', '10000', '--http-burst', '10000']);
    const token = await createToken(gateway.home, 'ops', 'read');
    const peak = watchPeakRss(t, gateway.pid);
    const followers = [];
    for (let i = 0; i < 8; i++) {
      const follower = await connectWs(t, gateway, token);
      follower.socket.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'logs.tail', params: { follow: true, lines: 0 } }));
      await waitFor('the subscription', () => follower.messages.find((message) => message.id === 1));
      // Nothing is read from here on.
      follower.socket.pause();
      followers.push(follower);
    }
    // Every follower is offered 8 MB of lines (apps started later are followed too): 64 MB in all.
    await startOk([writeAppFile(t, { name: 'spew', script: path.join(FIXTURES, 'spew-lines.js'), args: ['40000', '200'] })], { home: gateway.home });
    await waitFor('every follower cut off', () => cutOffCount(gateway.home, 'SLOW_CONSUMER') >= followers.length, { timeoutMs: 30_000, intervalMs: 100 });
    await assertPingWithinASecond(gateway.home);
    await assertAnotherClientServed(t, gateway, token);
    for (const follower of followers) follower.socket.resume();
    const codes = await Promise.all(followers.map((follower) => follower.closed));
    assert.ok(codes.every((code) => [1006, 1008].includes(code)), `the followers are closed: ${codes.join(', ')}`);
    const peakKb = peak();
    t.diagnostic(`RSS peak ${Math.round(peakKb / 1024)} MB`);
    assert.ok(peakKb < RSS_LIMIT_KB, `daemon RSS peaked at ${Math.round(peakKb / 1024)} MB`);
  });
});
