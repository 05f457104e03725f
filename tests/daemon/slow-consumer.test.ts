// A subscriber that stops reading is cut off with SLOW_CONSUMER instead of growing the daemon's memory.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { ERROR_CATALOGUE, LineDecoder, LogsTail, type SubscriptionParams } from '@svctl/protocol';
import { startOk, writeAppFile } from '../helpers/apps.js';
import { runCliJson } from '../helpers/cli.js';
import { startDaemon } from '../helpers/daemon.js';
import { FIXTURES } from '../helpers/paths.js';
import { rawConnect } from '../helpers/raw-socket.js';
import { waitFor } from '../helpers/wait.js';

it('a logs follower that does not read is cut off, and the end of its stream says SLOW_CONSUMER', async (t) => {
  const daemon = await startDaemon(t);
  const socket = await rawConnect(daemon.home);
  t.after(() => socket.destroy());
  // Nothing is read from here on: the answer and every item pile up in the socket buffers, then the daemon's.
  socket.pause();
  socket.write(`${JSON.stringify({ jsonrpc: '2.0', id: 1, method: LogsTail.name, params: { follow: true, lines: 0 } })}\n`);
  // About 20 MB of output, well past the daemon's 8 MiB limit of unread output per connection.
  const lines = 200_000;
  const file = writeAppFile(t, { apps: [{ name: 'spew', script: path.join(FIXTURES, 'spew-lines.js'), args: [String(lines), '100'] }] });
  await startOk([file], { home: daemon.home });
  const errLog = path.join(daemon.home, 'logs', 'spew-err.log');
  await waitFor('spew to finish writing', () => fs.existsSync(errLog) && fs.readFileSync(errLog, 'utf8').includes(`done ${lines}`), { timeoutMs: 90_000 });

  const decoder = new LineDecoder(Number.MAX_SAFE_INTEGER);
  let end: SubscriptionParams | undefined;
  let items = 0;
  socket.on('data', (chunk: Buffer) => {
    for (const frame of decoder.push(chunk)) {
      if (frame.kind !== 'frame') continue;
      const message = JSON.parse(frame.text) as { params?: SubscriptionParams };
      if (message.params?.item !== undefined) items++;
      if (message.params?.end === true) end = message.params;
    }
  });
  socket.resume();
  const ended = await waitFor('the end of the stream', () => end, { timeoutMs: 60_000 });
  assert.equal(ended.error?.code, ERROR_CATALOGUE.SLOW_CONSUMER.code);
  assert.equal(ended.error?.data?.name, 'SLOW_CONSUMER');
  assert.ok(items > 0, 'items were sent before the cut');
  // Cut off, not dead: the daemon serves everyone else.
  const { result, json } = await runCliJson<{ pid: number }>(['ping', '--no-autostart'], { home: daemon.home });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(json.pid, daemon.pid);
});
