import assert from 'node:assert/strict';
import type fs from 'node:fs';
import { describe, it } from 'node:test';
import { appendRange } from '../../src/logs/append-file.js';

/** A file handle whose writes store at most `perWrite` bytes, then fail with ENOSPC once `capacity` is reached. */
function shortWritingHandle(perWrite: number, capacity: number) {
  const stored: Buffer[] = [];
  let size = 0;
  const handle = {
    write: (data: Buffer, offset: number, length: number) => {
      const room = capacity - size;
      if (room <= 0) return Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
      const bytes = Math.min(perWrite, length, room);
      stored.push(Buffer.from(data.subarray(offset, offset + bytes)));
      size += bytes;
      return Promise.resolve({ bytesWritten: bytes, buffer: data });
    },
  };
  return { handle: handle as unknown as fs.promises.FileHandle, text: () => Buffer.concat(stored).toString(), grow: (bytes: number) => (capacity += bytes) };
}

describe('appendRange', () => {
  it('continues short writes until the whole range is stored', async () => {
    const data = Buffer.from('0001 aaaa\n0002 bbbb\n0003 cccc\n');
    const target = shortWritingHandle(7, Infinity);
    let progress = 0;
    await appendRange(target.handle, data, 0, data.length, (bytes) => (progress += bytes));
    assert.equal(target.text(), data.toString());
    assert.equal(progress, data.length);
  });

  it('on a failure, has reported exactly the bytes stored, so a retry resumes at the next byte: nothing lost, nothing twice', async () => {
    const data = Buffer.from('0001 aaaa\n0002 bbbb\n0003 cccc\n');
    const target = shortWritingHandle(4, 13);
    let offset = 0;
    await assert.rejects(appendRange(target.handle, data, offset, data.length, (bytes) => (offset += bytes)), /ENOSPC/);
    assert.equal(offset, 13);
    target.grow(100);
    await appendRange(target.handle, data, offset, data.length, (bytes) => (offset += bytes));
    assert.equal(target.text(), data.toString());
  });
});
