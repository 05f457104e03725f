import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, test } from 'node:test';
import { LineScanner } from '../../src/health/line-scanner.js';

async function scan(needle: string, chunks: Array<string | Buffer>): Promise<{ matches: number; output: string }> {
  let matches = 0;
  const source = new PassThrough();
  const sink = new PassThrough();
  const collected: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => collected.push(chunk));
  const done = pipeline(source, new LineScanner(needle, () => matches++), sink);
  for (const chunk of chunks) source.write(chunk);
  source.end();
  await done;
  return { matches, output: Buffer.concat(collected).toString('utf8') };
}

describe('LineScanner', () => {
  test('passes every byte through unchanged and matches once', async () => {
    const { matches, output } = await scan('listening', ['boot\n', 'server listening on 3000\n', 'listening again\n']);
    assert.equal(matches, 1);
    assert.equal(output, 'boot\nserver listening on 3000\nlistening again\n');
  });

  test('finds a needle split across chunks, and across a multi-byte character', async () => {
    assert.equal((await scan('ready', ['all re', 'ady\n'])).matches, 1);
    const euro = Buffer.from('prêt €\n');
    assert.equal((await scan('prêt €', [euro.subarray(0, 7), euro.subarray(7)])).matches, 1);
  });

  test('does not match across lines, and matches a line before its newline', async () => {
    assert.equal((await scan('ready', ['rea\n', 'dy\n'])).matches, 0);
    assert.equal((await scan('ready', ['now ready'])).matches, 1);
  });
});
