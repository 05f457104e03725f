import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkExposure, isLoopback, parseListenAddress } from '../../src/gateway/listen-address.js';

describe('http_listen', () => {
  it('parses HOST:PORT and [IPv6]:PORT', () => {
    assert.deepEqual(parseListenAddress('127.0.0.1:9615'), { host: '127.0.0.1', port: 9615 });
    assert.deepEqual(parseListenAddress('[::1]:80'), { host: '::1', port: 80 });
    assert.throws(() => parseListenAddress('9615'), /expected HOST:PORT/);
    assert.throws(() => parseListenAddress('localhost:70000'), /expected HOST:PORT/);
  });

  it('knows loopback addresses', () => {
    assert.deepEqual(['127.0.0.1', '127.1.2.3', '::1', 'localhost', '0.0.0.0', '::', '10.0.0.1'].map(isLoopback), [true, true, true, true, false, false, false]);
  });

  it('refuses a non-loopback address without TLS and a token, naming what is missing', () => {
    const any = { host: '0.0.0.0', port: 9615 };
    assert.throws(() => checkExposure(any, false, 0), /needs TLS and at least one token; missing TLS .* and at least one token/);
    assert.throws(() => checkExposure(any, true, 0), /missing at least one token/);
    assert.throws(() => checkExposure(any, false, 1), /missing TLS/);
    assert.doesNotThrow(() => checkExposure(any, true, 1));
    assert.doesNotThrow(() => checkExposure({ host: '127.0.0.1', port: 9615 }, false, 0));
  });
});
