import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nestsDeeperThan } from '../src/jsonrpc.js';
import { numericIdTokens, stringifyWithRawId } from '../src/raw-ids.js';
import { SerializedResult } from '../src/serialized-result.js';

describe('raw ids', () => {
  it('reads the numeric id of a request as written, past 2^53 and in any member order', () => {
    assert.deepEqual(numericIdTokens('{"jsonrpc":"2.0","id":9007199254740993,"method":"m"}'), ['9007199254740993']);
    assert.deepEqual(numericIdTokens('{ "method" : "m", "params": {"id": 1, "x": [1, "}", {"id": 2}]}, "id" : -12345678901234567890 }'), ['-12345678901234567890']);
    assert.deepEqual(numericIdTokens('{"id":"9007199254740993","method":"m"}'), [undefined]);
    assert.deepEqual(numericIdTokens('{"id":1,"id":2e400}'), ['2e400'], 'the last duplicate wins, as in JSON.parse');
    assert.deepEqual(numericIdTokens('{"\\u0069d":18446744073709551616,"s":"a\\"b"}'), ['18446744073709551616']);
  });

  it('reads one id per element of a batch, none where an element has no numeric id', () => {
    assert.deepEqual(numericIdTokens('[{"id":18446744073709551615},5,{"method":"m"},[{"id":3}],{"id":1.50}]'), ['18446744073709551615', undefined, undefined, undefined, '1.50']);
    assert.deepEqual(numericIdTokens('"text"'), []);
  });

  it('writes a response whose id is the raw text, everything else as JSON', () => {
    const text = stringifyWithRawId({ jsonrpc: '2.0', id: 9007199254740992, result: { id: '\u0000svctl-raw-id', n: 1 } }, '9007199254740993');
    assert.equal(text, '{"jsonrpc":"2.0","id":9007199254740993,"result":{"id":"\\u0000svctl-raw-id","n":1}}');
    assert.equal(stringifyWithRawId({ jsonrpc: '2.0', id: 'a', result: 1 }, undefined), '{"jsonrpc":"2.0","id":"a","result":1}');
  });

  it('writes a result already serialized as its text, with the id as sent', () => {
    const result = new SerializedResult<{ instances: unknown[] }>('{"instances":[{"app":"a"}]}');
    assert.equal(stringifyWithRawId({ jsonrpc: '2.0', id: 7, result }, undefined), '{"jsonrpc":"2.0","id":7,"result":{"instances":[{"app":"a"}]}}');
    assert.equal(stringifyWithRawId({ jsonrpc: '2.0', id: 'q"1', result }, undefined), '{"jsonrpc":"2.0","id":"q\\"1","result":{"instances":[{"app":"a"}]}}');
    assert.equal(stringifyWithRawId({ jsonrpc: '2.0', id: 9007199254740992, result }, '9007199254740993'), '{"jsonrpc":"2.0","id":9007199254740993,"result":{"instances":[{"app":"a"}]}}');
  });
});

describe('nesting depth', () => {
  it('measures arrays and objects without recursion, however deep', () => {
    assert.equal(nestsDeeperThan({ a: [1, { b: 2 }] }, 3), false);
    assert.equal(nestsDeeperThan({ a: [1, { b: {} }] }, 3), true);
    assert.equal(nestsDeeperThan('scalar', 0), false);
    const deep = JSON.parse(`${'['.repeat(200_000)}${']'.repeat(200_000)}`) as unknown;
    assert.equal(nestsDeeperThan(deep, 64), true);
  });
});
