// Garbage on the socket must never stop the daemon from serving everyone else.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import type net from 'node:net';
import { describe, it } from 'node:test';
import { runCli, runCliJson } from '../helpers/cli.js';
import { startDaemon } from '../helpers/daemon.js';
import { closed, rawConnect, readLine, readLines, readMessage, readRaw } from '../helpers/raw-socket.js';
import { waitFor } from '../helpers/wait.js';

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
      ['"a string"', -32600],
      ['{"jsonrpc":"2.0","id":[1],"method":"daemon.ping"}', -32600],
      ['[]', -32600],
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

  it('answers a JSON-RPC batch with one array of answers, none for its notifications, and bounds its size', async (t) => {
    const daemon = await startDaemon(t, { env: { SVCTL_RPC_MAX_BATCH: '3' } });
    const socket = await rawConnect(daemon.home);
    t.after(() => socket.destroy());
    socket.write('[{"jsonrpc":"2.0","id":1,"method":"daemon.ping"},{"jsonrpc":"2.0","method":"daemon.ping"},5]\n');
    const replies = (await readRaw(socket)) as Array<Record<string, unknown>>;
    assert.ok(Array.isArray(replies));
    assert.equal(replies.length, 2);
    assert.equal((replies.find((reply) => reply.id === 1)?.result as { pid: number }).pid, daemon.pid);
    assert.equal((replies.find((reply) => reply.id === null)?.error as { code: number }).code, -32600);
    socket.write('[{"jsonrpc":"2.0","method":"daemon.ping"},{"jsonrpc":"2.0","method":"daemon.ping"}]\n');
    socket.write(`[${Array.from({ length: 4 }, (_, i) => `{"jsonrpc":"2.0","id":${i},"method":"daemon.ping"}`).join(',')}]\n`);
    const refused = await readMessage(socket);
    assert.equal((refused.error as { code: number }).code, -32600, 'a batch of notifications gets nothing; the next frame, over rpc_max_batch, is refused whole');
    assert.match((refused.error as { message: string }).message, /rpc_max_batch/);
  });

  it('runs a notification without answering it, even when it fails', async (t) => {
    const daemon = await startDaemon(t);
    const socket = await rawConnect(daemon.home);
    t.after(() => socket.destroy());
    socket.write('{"jsonrpc":"2.0","method":"daemon.ping"}\n{"jsonrpc":"2.0","method":"no.such.method"}\n{"jsonrpc":"2.0","id":"after","method":"daemon.ping"}\n');
    assert.equal((await readMessage(socket)).id, 'after');
  });

  it('returns ids exactly as sent, past 2^53 too', async (t) => {
    const daemon = await startDaemon(t);
    const socket = await rawConnect(daemon.home);
    t.after(() => socket.destroy());
    socket.write('{"jsonrpc":"2.0","id":9007199254740993,"method":"daemon.ping"}\n');
    assert.match(await readLine(socket), /^\{"jsonrpc":"2\.0","id":9007199254740993,"result":/);
    socket.write('[{"jsonrpc":"2.0","id":-18446744073709551617,"method":"no.such"},{"jsonrpc":"2.0","id":"9007199254740993","method":"daemon.ping"}]\n');
    const batch = await readLine(socket);
    assert.match(batch, /"id":-18446744073709551617,"error":/);
    assert.match(batch, /"id":"9007199254740993","result":/);
  });

  it('refuses params nested too deep with INVALID_PARAMS and stays up', async (t) => {
    const daemon = await startDaemon(t);
    const socket = await rawConnect(daemon.home);
    t.after(() => socket.destroy());
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    socket.write(`{"jsonrpc":"2.0","id":1,"method":"apps.start","params":{"cwd":"/","env":{},"adhoc":{"args":[],"options":{"x":${deep}}}}}\n`);
    const reply = await readMessage(socket);
    assert.equal((reply.error as { code: number }).code, -32602);
    assert.match((reply.error as { message: string }).message, /nested deeper than 64 levels/);
    await assertPingAnswers(daemon.home);
  });

  it('refuses connections past rpc_max_connections with LIMIT_EXCEEDED and serves again once one closes', async (t) => {
    const daemon = await startDaemon(t, { env: { SVCTL_RPC_MAX_CONNECTIONS: '3' } });
    const held = await Promise.all([rawConnect(daemon.home), rawConnect(daemon.home), rawConnect(daemon.home)]);
    t.after(() => held.forEach((socket) => socket.destroy()));
    const extra = await rawConnect(daemon.home);
    const refusal = await readMessage(extra);
    assert.equal((refusal.error as { data: { name: string } }).data.name, 'LIMIT_EXCEEDED');
    assert.match((refusal.error as { message: string }).message, /rpc_max_connections/);
    await closed(extra);
    const cli = await runCli(['ping', '--no-autostart'], { home: daemon.home });
    assert.equal(cli.code, 1);
    assert.match(cli.stderr, /at most 3 connections .*rpc_max_connections/);
    (held.pop() as net.Socket).destroy();
    await waitFor('a free connection slot', async () => (await runCli(['ping', '--no-autostart'], { home: daemon.home })).code === 0);
  });

  it('answers every one of 500 pipelined requests, in order, through a small rpc_max_in_flight', async (t) => {
    const daemon = await startDaemon(t, { env: { SVCTL_RPC_MAX_IN_FLIGHT: '2' } });
    const socket = await rawConnect(daemon.home);
    t.after(() => socket.destroy());
    const count = 500;
    socket.write(Array.from({ length: count }, (_, i) => `{"jsonrpc":"2.0","id":${i},"method":"daemon.ping"}\n`).join(''));
    const ids = (await readLines(socket, count)).map((line) => (JSON.parse(line) as { id: number }).id);
    assert.deepEqual(ids, Array.from({ length: count }, (_, i) => i));
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
