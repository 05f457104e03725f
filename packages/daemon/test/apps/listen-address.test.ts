import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatListenAddress, parseListenAddress } from '../../src/apps/listen-address.js';

describe('listen addresses', () => {
  const rows: Array<[string, ReturnType<typeof parseListenAddress>, string]> = [
    ['8080', { host: null, port: 8080 }, '8080'],
    [' 127.0.0.1:8080 ', { host: '127.0.0.1', port: 8080 }, '127.0.0.1:8080'],
    ['localhost:3000', { host: 'localhost', port: 3000 }, 'localhost:3000'],
    ['[::1]:8080', { host: '::1', port: 8080 }, '[::1]:8080'],
    ['/run/app.sock', { path: '/run/app.sock' }, '/run/app.sock'],
    ['./app.sock', { path: '/srv/app/app.sock' }, '/srv/app/app.sock'],
    ['unix:app.sock', { path: '/srv/app/app.sock' }, '/srv/app/app.sock'],
  ];
  for (const [text, parsed, formatted] of rows) {
    it(`${JSON.stringify(text)} → ${formatted}`, () => {
      const result = parseListenAddress(text, '/srv/app');
      assert.deepEqual(result, parsed);
      assert.ok(!('error' in result));
      assert.equal(formatListenAddress(result), formatted);
    });
  }

  for (const bad of ['0', '65536', 'host:', ':80', 'a:b:80', 'http://x:80', '']) {
    it(`refuses ${JSON.stringify(bad)}`, () => {
      const result = parseListenAddress(bad, '/srv/app');
      assert.ok('error' in result, JSON.stringify(result));
    });
  }

  it('refuses a unix socket path longer than sun_path', () => {
    const result = parseListenAddress(`/tmp/${'x'.repeat(120)}.sock`, '/');
    assert.ok('error' in result && result.error.includes('107 bytes'));
  });
});
