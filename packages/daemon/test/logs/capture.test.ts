// LineCapture: whole lines from a child's pipe with one 'data' listener (no stream.pipe), back-pressure by
// pausing the pipe while the owner is busy, the last partial line completed at the end or on release.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, test } from 'node:test';
import { setImmediate as tick } from 'node:timers/promises';
import { waitFor } from '../../../../tests/helpers/wait.js';
import { LineCapture, type LineOwner } from '../../src/logs/capture.js';

/** An owner that records lines; with `hold`, it calls `done` only once the test releases it (from then on at once). */
function recorder(hold = false) {
  let holding = hold;
  const lines: string[] = [];
  const finished: LineCapture[] = [];
  const pending: Array<() => void> = [];
  const owner: LineOwner = {
    lines: (_from, chunk, _at, done) => {
      lines.push(chunk.toString());
      if (holding) pending.push(done);
      else done();
    },
    finished: (from) => finished.push(from),
  };
  const release = () => {
    holding = false;
    for (const done of pending.splice(0)) done();
  };
  return { owner, lines, finished, pending, release };
}

describe('LineCapture', () => {
  test('lines cut across chunks arrive whole; the last line without a newline is completed when the pipe ends', async () => {
    const { owner, lines, finished } = recorder();
    const source = new PassThrough();
    const capture = new LineCapture(owner, 0, 'out');
    capture.attach(source);
    source.write('one\ntw');
    source.write('o\nthree\nfo');
    source.end('ur');
    await waitFor('the capture to finish', () => finished.length === 1);
    assert.deepEqual(lines.join('').split('\n'), ['one', 'two', 'three', 'four', '']);
    assert.deepEqual(finished, [capture]);
  });

  test('an idle stream costs one data and one end listener, and no pipe', () => {
    const source = new PassThrough();
    const dataBefore = source.listenerCount('data');
    const endBefore = source.listenerCount('end');
    new LineCapture(recorder().owner, 0, 'err').attach(source);
    assert.deepEqual([source.listenerCount('data') - dataBefore, source.listenerCount('end') - endBefore], [1, 1]);
    assert.equal(source.readableFlowing, true);
  });

  test('while the owner is busy the pipe is paused; once it takes more, the rest follows in order, nothing lost', async () => {
    const { owner, lines, pending, release, finished } = recorder(true);
    const source = new PassThrough();
    new LineCapture(owner, 0, 'out').attach(source);
    source.write('1\n');
    await tick();
    assert.equal(pending.length, 1);
    assert.equal(source.isPaused(), true);
    for (let index = 2; index <= 500; index++) source.write(`${index}\n`);
    source.end();
    await tick();
    assert.equal(lines.length, 1, 'nothing more is handed over while the owner is busy');
    release();
    await waitFor('every line', () => finished.length === 1);
    const numbers = lines.join('').split('\n').filter((line) => line !== '').map(Number);
    assert.deepEqual(numbers, Array.from({ length: 500 }, (_, index) => index + 1));
  });

  test('a line longer than the limit is cut into pieces instead of growing without end', async () => {
    const { owner, lines, finished } = recorder();
    const source = new PassThrough();
    new LineCapture(owner, 0, 'out').attach(source);
    // As a pipe delivers it: 64 KiB reads.
    for (let index = 0; index < 48; index++) source.write(Buffer.alloc(64 * 1024, 'x'));
    source.end();
    await waitFor('the capture to finish', () => finished.length === 1);
    assert.ok(lines.length >= 2, `${lines.length} piece(s)`);
    assert.ok(lines.every((piece) => piece.endsWith('\n') && piece.length <= 1024 * 1024 + 1));
    assert.equal(lines.join('').replaceAll('\n', '').length, 3 * 1024 * 1024);
  });

  test('release (a reopen): the old capture completes its partial line and finishes; the next capture reads on', async () => {
    const first = recorder();
    const second = recorder();
    const source = new PassThrough();
    const old = new LineCapture(first.owner, 0, 'out');
    old.attach(source);
    source.write('whole\npart');
    await tick();
    old.release();
    const next = new LineCapture(second.owner, 0, 'out');
    next.attach(source);
    source.write('later\n');
    await waitFor('the new capture to get its line', () => second.lines.length === 1);
    assert.deepEqual(first.lines, ['whole\n', 'part\n']);
    assert.deepEqual(first.finished, [old]);
    assert.deepEqual(second.lines, ['later\n']);
    assert.equal(source.listenerCount('data'), 1);
  });

  test('release while the owner is busy: what it holds is written first, then it finishes; the source flows for the next', async () => {
    const first = recorder(true);
    const second = recorder();
    const source = new PassThrough();
    const old = new LineCapture(first.owner, 0, 'out');
    old.attach(source);
    source.write('a\nb');
    await tick();
    assert.equal(source.isPaused(), true);
    old.release();
    new LineCapture(second.owner, 0, 'out').attach(source);
    source.write('c\n');
    await waitFor('the new capture to read', () => second.lines.length === 1);
    assert.deepEqual(first.finished, []);
    first.release();
    await waitFor('the old capture to finish', () => first.finished.length === 1);
    assert.deepEqual(first.lines, ['a\n', 'b\n']);
  });

  test('destroy: nothing more is handed over', async () => {
    const { owner, lines } = recorder();
    const source = new PassThrough();
    const capture = new LineCapture(owner, 0, 'out');
    capture.attach(source);
    capture.destroy();
    source.write('dropped\n');
    await tick();
    assert.deepEqual(lines, []);
    assert.equal(source.listenerCount('data'), 0);
  });
});
