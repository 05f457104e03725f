// Garbage on the socket must never stop the daemon from serving everyone else.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import type net from 'node:net';
import { describe, it } from 'node:test';
import { runCli, runCliJson } from '../helpers/cli.js';
import { startDaemon } from '../helpers/daemon.js';
import { closed, rawConnect, readMessage } from '../helpers/raw-socket.js';

async function assertPingAnswers(home: string): Promise<void> {
  const { result, json } = await runCliJson<{ pid: number }>(['ping', '--no-autostart'], { home });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(typeof json.pid, 'number');
}

describe('transport limits', () => {
  it('answers each malformed request with the proper JSON-RPC error and keeps the connection', async (t) => {
    const daemon = await startDaemon(t);
    const socket = await rawConnect(daemon.home);
    t.after(() => socket.destroy());
    const cases: Array<[string, number]> = [
      ['{not json', -32700],
      ['[1,2,3]', -32600],
      ['"a string"', -32600],
      ['{"jsonrpc":"2.0","method":"daemon.ping"}', -32600],
      ['{"jsonrpc":"2.0","id":1,"method":"no.such.method"}', -32601],
      ['{"jsonrpc":"2.0","id":2,"method":"daemon.hello","params":{"protocol_version":1}}', -32602],
    ];
    for (const [frame, code] of cases) {
      socket.write(`${frame}\n`);
      const reply = await readMessage(socket);
      assert.equal((reply.error as { code: number }).code, code, frame);
    }
    socket.write('{"jsonrpc":"2.0","id":3,"method":"daemon.ping"}\n');
    const ok = await readMessage(socket);
    assert.equal((ok.result as { pid: number }).pid, daemon.pid);
  });

  it('reassembles a request sent one byte at a time', async (t) => {
    const daemon = await startDaemon(t);
    const socket = await rawConnect(daemon.home);
    t.after(() => socket.destroy());
    socket.setNoDelay(true);
    const frame = Buffer.from('{"jsonrpc":"2.0","id":"x","method":"daemon.ping","params":{}}\n');
    const reply = readMessage(socket);
    for (const byte of frame) {
      await new Promise<void>((resolve) => socket.write(Buffer.from([byte]), () => resolve()));
    }
    assert.equal(((await reply).result as { pid: number }).pid, daemon.pid);
  });

  it('refuses a 10 MiB line with FRAME_TOO_LARGE and closes that connection only', async (t) => {
    const daemon = await startDaemon(t);
    const socket = await rawConnect(daemon.home);
    t.after(() => socket.destroy());
    socket.on('error', () => undefined);
    const reply = readMessage(socket);
    socket.write(Buffer.alloc(10 * 1024 * 1024, 0x61));
    const error = (await reply).error as { code: number; data: { name: string } };
    assert.equal(error.code, 1003);
    assert.equal(error.data.name, 'FRAME_TOO_LARGE');
    await closed(socket);
    await assertPingAnswers(daemon.home);
  });

  it('keeps answering ping through random bytes, half frames, closes mid-frame and 200 idle connections', async (t) => {
    const daemon = await startDaemon(t);
    const idle: net.Socket[] = [];
    t.after(() => idle.forEach((socket) => socket.destroy()));
    for (let i = 0; i < 200; i++) idle.push(await rawConnect(daemon.home));

    const random = await rawConnect(daemon.home);
    random.on('error', () => undefined);
    random.write(crypto.randomBytes(256 * 1024));
    const half = await rawConnect(daemon.home);
    half.write('{"jsonrpc":"2.0","id":1,"meth');
    half.destroy();
    const abrupt = await rawConnect(daemon.home);
    abrupt.write(Buffer.alloc(64 * 1024, 0x7b));
    abrupt.destroy();

    await assertPingAnswers(daemon.home);
    random.destroy();
    const result = await runCli(['daemon', 'status'], { home: daemon.home });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`pid ${daemon.pid}`));
  });
});
