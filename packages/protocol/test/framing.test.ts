import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeFrame, LineDecoder } from '../src/framing.js';

describe('LineDecoder', () => {
  it('reassembles a frame split across many small chunks', () => {
    const decoder = new LineDecoder();
    const frame = Buffer.from(encodeFrame({ jsonrpc: '2.0', id: 1, method: 'daemon.ping', params: { text: 'héllo\nworld' } }));
    const results = [];
    for (let i = 0; i < frame.length; i += 3) results.push(...decoder.push(frame.subarray(i, i + 3)));
    assert.equal(results.length, 1);
    assert.deepEqual(JSON.parse((results[0] as { text: string }).text), { jsonrpc: '2.0', id: 1, method: 'daemon.ping', params: { text: 'héllo\nworld' } });
  });

  it('splits several frames arriving in one chunk and skips blank lines', () => {
    const decoder = new LineDecoder();
    const results = decoder.push(Buffer.from('{"a":1}\n\n{"b":2}\n{"c"'));
    assert.deepEqual(results, [
      { kind: 'frame', text: '{"a":1}' },
      { kind: 'frame', text: '{"b":2}' },
    ]);
    assert.deepEqual(decoder.push(Buffer.from(':3}\n')), [{ kind: 'frame', text: '{"c":3}' }]);
  });

  it('reports a line over the limit once, without buffering it, even before its newline arrives', () => {
    const decoder = new LineDecoder(16);
    const first = decoder.push(Buffer.alloc(10, 0x61));
    assert.deepEqual(first, []);
    const second = decoder.push(Buffer.alloc(10, 0x61));
    assert.equal(second.length, 1);
    assert.equal(second[0]?.kind, 'oversize');
    assert.deepEqual(decoder.push(Buffer.from('\n{"a":1}\n')), []);
  });

  it('accepts a frame of exactly the limit', () => {
    const decoder = new LineDecoder(8);
    assert.deepEqual(decoder.push(Buffer.from('12345678\n')), [{ kind: 'frame', text: '12345678' }]);
  });

  it('never puts a raw newline inside an encoded frame', () => {
    const text = encodeFrame({ message: 'a\nb\r\nc' });
    assert.equal(text.indexOf('\n'), text.length - 1);
  });
});
