import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { appendRange, openForAppend, PRIVATE_FILE } from '../../src/logs/append-file.js';

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

describe('openForAppend: mode and symlinks', () => {
  function tempDir(t: TestContext): string {
    const dir = fs.mkdtempSync('/tmp/svctl-append-');
    t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
    return dir;
  }

  it('a file it creates gets exactly the mode asked for, whatever the process umask; an existing file keeps its own', async (t) => {
    const dir = tempDir(t);
    const previous = process.umask(0o077);
    t.after(() => process.umask(previous));
    const created = await openForAppend(path.join(dir, 'app.log'), { mode: 0o644, noFollow: false });
    await created.handle.close();
    assert.equal(fs.statSync(path.join(dir, 'app.log')).mode & 0o777, 0o644);
    fs.writeFileSync(path.join(dir, 'kept.log'), 'x\n', { mode: 0o600 });
    const existing = await openForAppend(path.join(dir, 'kept.log'), { mode: 0o644, noFollow: false });
    await existing.handle.close();
    assert.equal(fs.statSync(path.join(dir, 'kept.log')).mode & 0o777, 0o600);
    assert.equal(existing.size, 2);
  });

  it('a private file (under SVCTL_HOME) is never opened through a symlink planted at its path; a declared one may be a symlink', async (t) => {
    const dir = tempDir(t);
    const target = path.join(dir, 'elsewhere.txt');
    fs.writeFileSync(target, '');
    fs.symlinkSync(target, path.join(dir, 'app-out.log'));
    await assert.rejects(openForAppend(path.join(dir, 'app-out.log'), PRIVATE_FILE), { code: 'ELOOP' });
    const followed = await openForAppend(path.join(dir, 'app-out.log'), { mode: 0o644, noFollow: false });
    await followed.handle.close();
    assert.equal(fs.lstatSync(path.join(dir, 'app-out.log')).isSymbolicLink(), true);
  });
});
