import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LogRing } from '../../src/logs/ring.js';

const any = () => true;
const lines = (...texts: string[]) => Buffer.from(texts.map((text) => `${text}\n`).join(''));
const messages = (ring: LogRing, app: string, count = 100) => ring.last(app, count, any).map((line) => line.msg);

test('one budget for all apps: the oldest lines go first, whichever app wrote them', () => {
  const ring = new LogRing(1280);
  ring.push('quiet', 1, 0, 'out', lines('q'.repeat(127)));
  for (let index = 0; index < 9; index++) ring.push('chatty', 2 + index, 0, 'out', lines(`c${index}`.padEnd(127, '.')));
  // 10 chunks of 128 bytes fill the budget exactly: nothing was evicted yet.
  assert.equal(messages(ring, 'quiet').length, 1);
  ring.push('chatty', 20, 0, 'out', lines('c9'.padEnd(127, '.')));
  ring.push('chatty', 21, 0, 'out', lines('c10'.padEnd(127, '.')));
  // The quiet app's line was the oldest in the whole ring: it went first.
  assert.deepEqual(messages(ring, 'quiet'), []);
  assert.equal(messages(ring, 'chatty').at(-1), 'c10'.padEnd(127, '.'));
  assert.equal(messages(ring, 'chatty')[0], 'c1'.padEnd(127, '.'));
  const stats = ring.stats();
  assert.equal(stats.apps, 1);
  assert.ok(stats.bytes <= 1280, `holds ${stats.bytes} bytes, over the budget`);
});

test('memory is bounded by the budget however many apps write', () => {
  const ring = new LogRing(64 * 1024);
  for (let app = 0; app < 1000; app++) ring.push(`app-${app}`, app, 0, 'out', lines(`line of app ${app}`.padEnd(200, '.')));
  const stats = ring.stats();
  assert.ok(stats.bytes <= 64 * 1024, `holds ${stats.bytes} bytes`);
  assert.ok(stats.apps < 1000 && stats.apps > 100, `${stats.apps} apps kept`);
  assert.deepEqual(messages(ring, 'app-0'), []);
  assert.deepEqual(messages(ring, 'app-999'), [`line of app 999`.padEnd(200, '.')]);
});

test('tiny chunks are capped by record count too', () => {
  const ring = new LogRing(128 * 16);
  for (let index = 0; index < 1000; index++) ring.push('tiny', index, 0, 'out', lines('x'));
  assert.equal(ring.stats().chunks, 16);
  assert.equal(messages(ring, 'tiny', 1000).length, 16);
});

test('forget drops an app at once; a new app of the same name starts empty; others keep their lines', () => {
  const ring = new LogRing(4096);
  ring.push('gone', 1, 0, 'out', lines('old line'));
  ring.push('kept', 2, 0, 'err', lines('kept line'));
  ring.forget('gone');
  assert.deepEqual(ring.stats(), { apps: 1, chunks: 1, bytes: 10 });
  assert.deepEqual(messages(ring, 'gone'), []);
  ring.push('gone', 3, 0, 'out', lines('new line'));
  assert.deepEqual(messages(ring, 'gone'), ['new line']);
  assert.deepEqual(messages(ring, 'kept'), ['kept line']);
  // The forgotten chunk's bytes are reused: the ring keeps working past it.
  for (let index = 0; index < 100; index++) ring.push('kept', 10 + index, 0, 'err', lines(`k${index}`));
  assert.equal(messages(ring, 'kept', 1)[0], 'k99');
  assert.ok(ring.stats().bytes <= 4096);
});

test('lines come back by stream and instance, oldest first, across the wrap-around', () => {
  const ring = new LogRing(1280);
  const text = (index: number) => `é line ${index}`.padEnd(97, '.');
  // 99-byte chunks in a 1280-byte buffer: some chunks straddle the end of the buffer.
  for (let index = 0; index < 40; index++) ring.push('api', index, index % 2, index % 3 === 0 ? 'err' : 'out', lines(text(index)));
  const out = ring.last('api', 3, (stream) => stream === 'out');
  assert.deepEqual(
    out.map((line) => [line.msg, line.instance, line.at]),
    [
      [text(35), 1, 35],
      [text(37), 1, 37],
      [text(38), 0, 38],
    ],
  );
  assert.deepEqual(ring.last('api', 1, (stream) => stream === 'err').map((line) => line.msg), [text(39)]);
});

test('a chunk larger than the budget keeps its newest whole lines; a budget of 0 keeps nothing', () => {
  const ring = new LogRing(64);
  ring.push('big', 1, 0, 'out', lines(...Array.from({ length: 20 }, (_, index) => `line ${index}`)));
  const kept = messages(ring, 'big');
  assert.equal(kept.at(-1), 'line 19');
  assert.ok(kept.join('\n').length <= 64);
  const none = new LogRing(0);
  none.push('any', 1, 0, 'out', lines('dropped'));
  assert.deepEqual(none.stats(), { apps: 0, chunks: 0, bytes: 0 });
});
