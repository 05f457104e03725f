// The dispatcher tells its observer (the gateway's metrics) of every answered request, on any transport.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import type { Connection } from '../../src/rpc/connection.js';
import { Dispatcher } from '../../src/rpc/dispatcher.js';
import type { HandlerTable } from '../../src/rpc/handler.js';

const connection = (transport: 'unix' | 'http' | 'ws'): Connection => ({
  id: 1,
  peer: { transport, address: transport === 'unix' ? 'unix' : '127.0.0.1' },
  client: undefined,
  openStream: () => {
    throw new Error('no streams here');
  },
  closeStream: () => false,
});

describe('dispatcher observer', () => {
  it('gets method, transport and outcome (the error name; `unknown` for a method the protocol lacks, so clients cannot mint label values)', async () => {
    const seen: Array<[string, string, string]> = [];
    const handlers = { 'daemon.ping': () => ({ pong: true }) } as unknown as HandlerTable;
    const dispatcher = new Dispatcher(handlers, pino({ level: 'silent' }), (method, transport, outcome, seconds) => {
      assert.ok(seconds >= 0 && seconds < 60);
      seen.push([method, transport, outcome]);
    });
    await dispatcher.dispatch({ jsonrpc: '2.0', id: 1, method: 'daemon.ping', params: {} }, connection('ws'));
    await dispatcher.dispatch({ jsonrpc: '2.0', id: 2, method: 'no.such.method' }, connection('http'));
    await dispatcher.dispatch({ jsonrpc: '2.0', id: 3, method: 'apps.list', params: { bogus: 1 } }, connection('unix'));
    await dispatcher.dispatch('not an object', connection('unix'));
    assert.deepEqual(seen, [
      ['daemon.ping', 'ws', 'ok'],
      ['unknown', 'http', 'METHOD_NOT_FOUND'],
      ['apps.list', 'unix', 'INVALID_PARAMS'],
      ['unknown', 'unix', 'INVALID_REQUEST'],
    ]);
  });
});
