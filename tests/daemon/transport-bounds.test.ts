// One client must not be able to grow the daemon: pipeliners that never read and half-open frames are held to
// their bounds and cut off with an error while ping keeps answering (slow log followers: transport-bounds-followers).
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { startDaemon } from '../helpers/daemon.js';
import { currentRssKb } from '../helpers/log-files.js';
import { FIXTURES } from '../helpers/paths.js';
import { waitFor } from '../helpers/wait.js';
import { assertPingWithinASecond, collect, collectUntilClosed, connectMany, cutOffCount, errorName, isSlowConsumerError, RSS_LIMIT_KB, startFleet, watchPeakRss } from './transport-clients.js';

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
