// One client must not be able to grow the daemon: pipeliners that never read, slow subscribers and
// half-open frames are held to their bounds and cut off with an error while ping keeps answering.
import assert from 'node:assert/strict';
import type net from 'node:net';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { writeAppFile } from '../helpers/apps.js';
import { assertPingWithinASecond, RSS_LIMIT_KB, watchPeakRss } from '../helpers/bounds.js';
import { runCli } from '../helpers/cli.js';
import { startDaemon, type TestDaemon } from '../helpers/daemon.js';
import { currentRssKb, daemonLogEvents } from '../helpers/log-files.js';
import { FIXTURES } from '../helpers/paths.js';
import { rawConnect } from '../helpers/raw-socket.js';
import { waitFor } from '../helpers/wait.js';

function cutOffCount(home: string, code: string): number {
  return daemonLogEvents(home).filter((line) => line.code === code && String(line.msg).startsWith('client cut off')).length;
}

async function connectMany(t: TestContext, home: string, count: number): Promise<net.Socket[]> {
  const sockets: net.Socket[] = [];
  t.after(() => sockets.forEach((socket) => socket.destroy()));
  for (let i = 0; i < count; i++) {
    const socket = await rawConnect(home);
    socket.on('error', () => undefined);
    sockets.push(socket);
  }
  return sockets;
}

/** Reads what the daemon sends from now on: the frames so far, and whether it closed the connection. */
function collect(socket: net.Socket): { frames(): Array<Record<string, unknown>>; closed: Promise<void> } {
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.resume();
  return {
    // Whole lines only: a client cut off while a frame was on its way gets that frame's start, never its end.
    frames: () =>
      text
        .slice(0, text.lastIndexOf('\n') + 1)
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    closed,
  };
}

/** Everything each (cut-off) client still gets once it reads, until the daemon has closed every one of them. */
function collectUntilClosed(sockets: net.Socket[]): Promise<Array<Array<Record<string, unknown>>>> {
  return Promise.all(
    sockets.map(async (socket) => {
      const reply = collect(socket);
      await reply.closed;
      return reply.frames();
    }),
  );
}

function isSlowConsumerError(frame: Record<string, unknown>): boolean {
  return frame.id === null && errorName(frame) === 'SLOW_CONSUMER';
}

function errorName(frame: Record<string, unknown>): string | undefined {
  return (frame.error as { data?: { name?: string } } | undefined)?.data?.name;
}

async function startFleet(t: TestContext, daemon: TestDaemon, app: Record<string, unknown>): Promise<void> {
  const file = writeAppFile(t, app);
  const started = await runCli(['start', file], { home: daemon.home });
  assert.equal(started.code, 0, started.stderr);
}

describe('transport bounds', () => {
  it('holds 16 clients pipelining 5,000 apps.describe each without reading, then cuts them off with SLOW_CONSUMER', async (t) => {
    const daemon = await startDaemon(t, { env: { SVCTL_RPC_STALL_TIMEOUT: '4s' } });
    await startFleet(t, daemon, { name: 'fleet', script: path.join(FIXTURES, 'forever.js'), instances: 10 });
    const peak = watchPeakRss(t, daemon.pid);
    const clients = await connectMany(t, daemon.home, 16);
    for (const socket of clients) {
      const requests = Array.from({ length: 5000 }, (_, i) => `{"jsonrpc":"2.0","id":${i},"method":"apps.describe","params":{"target":"all","cwd":"/"}}\n`);
      socket.write(requests.join(''));
    }
    await waitFor('a pipeliner cut off', () => cutOffCount(daemon.home, 'SLOW_CONSUMER') > 0, { timeoutMs: 60_000, intervalMs: 50 });
    await assertPingWithinASecond(daemon.home);
    await waitFor('every pipeliner cut off', () => cutOffCount(daemon.home, 'SLOW_CONSUMER') >= 16, { timeoutMs: 60_000, intervalMs: 50 });
    const replies = await collectUntilClosed(clients);
    assert.ok(replies.some((frames) => frames.some(isSlowConsumerError)), 'the cut-off clients are told why');
    for (const frames of replies) assert.ok(frames.length < 5000, `back-pressure held the client to part of its requests (${frames.length} answers)`);
    await assertPingWithinASecond(daemon.home);
    const peakKb = peak();
    t.diagnostic(`RSS peak ${Math.round(peakKb / 1024)} MB`);
    assert.ok(peakKb < RSS_LIMIT_KB, `daemon RSS peaked at ${Math.round(peakKb / 1024)} MB`);
  });

  it('holds 300 log followers that never read, cuts them off, and keeps answering ping', async (t) => {
    const daemon = await startDaemon(t, { env: { SVCTL_RPC_STALL_TIMEOUT: '4s' } });
    const peak = watchPeakRss(t, daemon.pid);
    const followers = await connectMany(t, daemon.home, 300);
    for (const socket of followers) socket.write('{"jsonrpc":"2.0","id":1,"method":"logs.tail","params":{"follow":true,"cwd":"/"}}\n');
    // Every follower is offered 4 MB of lines (apps started later are followed too).
    await startFleet(t, daemon, { name: 'spew', script: path.join(FIXTURES, 'spew-lines.js'), args: ['20000', '200'] });
    await waitFor('a follower cut off', () => cutOffCount(daemon.home, 'SLOW_CONSUMER') > 0, { timeoutMs: 60_000, intervalMs: 50 });
    await assertPingWithinASecond(daemon.home);
    await waitFor('every follower cut off', () => cutOffCount(daemon.home, 'SLOW_CONSUMER') >= 300, { timeoutMs: 90_000, intervalMs: 100 });
    await assertPingWithinASecond(daemon.home);
    const peakKb = peak();
    t.diagnostic(`RSS peak ${Math.round(peakKb / 1024)} MB`);
    assert.ok(peakKb < RSS_LIMIT_KB, `daemon RSS peaked at ${Math.round(peakKb / 1024)} MB`);
    const replies = await collectUntilClosed(followers);
    assert.ok(replies.some((frames) => frames.some(isSlowConsumerError)), 'the cut-off followers are told why');
  });

  it('holds 1,000 half-open 1 MB frames to rpc_max_partial_total, refuses the rest with LIMIT_EXCEEDED and settles under 200 MB', async (t) => {
    const daemon = await startDaemon(t);
    const peak = watchPeakRss(t, daemon.pid);
    const clients = await connectMany(t, daemon.home, 1000);
    const replies = clients.map((socket) => {
      const reply = collect(socket);
      let closed = false;
      void reply.closed.then(() => (closed = true));
      return { frames: reply.frames, closed: () => closed };
    });
    const frame = Buffer.alloc(1_000_000, 0x61);
    frame.write('{"jsonrpc":"2.0","id":1,"method":"daemon.ping","params":{"pad":"');
    for (const socket of clients) socket.write(frame);
    const refused = () => replies.filter((reply) => reply.closed() && errorName(reply.frames()[0] ?? {}) === 'LIMIT_EXCEEDED').length;
    await waitFor('the clients past the budget refused and closed', () => refused() >= 900, { timeoutMs: 90_000, intervalMs: 100 });
    await assertPingWithinASecond(daemon.home);
    // The rest are held, unanswered, within the budget (64 MiB of 1 MB frames).
    const held = replies.filter((reply) => !reply.closed());
    assert.ok(held.length <= 16, `${held.length} connections held`);
    assert.ok(held.every((reply) => reply.frames().length === 0));
    // A thousand sockets each delivering a 64 KiB read at once is a transient no bound can stop: what
    // matters is that the daemon settles, holding only its budget.
    const settled = await waitFor('the daemon to settle under 200 MB', () => {
      const rss = currentRssKb(daemon.pid);
      return rss < RSS_LIMIT_KB ? rss : undefined;
    }, { timeoutMs: 30_000, intervalMs: 250 });
    t.diagnostic(`RSS peak ${Math.round(peak() / 1024)} MB, settled at ${Math.round(settled / 1024)} MB`);
  });
});
