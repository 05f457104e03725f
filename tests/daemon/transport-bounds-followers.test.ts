// One client must not be able to grow the daemon: log followers that never read are held to their bounds and
// cut off with an error while ping keeps answering.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { startDaemon } from '../helpers/daemon.js';
import { FIXTURES } from '../helpers/paths.js';
import { waitFor } from '../helpers/wait.js';
import { assertPingWithinASecond, collectUntilClosed, connectMany, cutOffCount, isSlowConsumerError, RSS_LIMIT_KB, startFleet, watchPeakRss } from './transport-clients.js';

describe('transport bounds', () => {
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

});
