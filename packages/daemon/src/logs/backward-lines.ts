// A log file and its rotated files read backwards, newest line first, one block at a time (async, so a
// long search lets the daemon serve others between blocks). The current file first, then `.1`, `.2`...;
// the first missing rotated file ends the chain. A last line still being written counts as a line.
import fs from 'node:fs';

const BLOCK = 256 * 1024;

export class BackwardLines {
  #index = 0;
  #handle: fs.promises.FileHandle | undefined;
  #position = 0;
  #carry: Buffer = Buffer.alloc(0);
  #done = false;
  /** The files opened so far. */
  readonly opened: string[] = [];

  /** files: newest first (the current file, then its rotated ones). */
  constructor(private readonly files: readonly string[]) {}

  /** The next lines, newest first, and the bytes read for them; null once every file is read. */
  async next(): Promise<{ lines: string[]; bytes: number } | null> {
    while (!this.#done) {
      if (this.#handle === undefined && !(await this.#openNext())) return null;
      const handle = this.#handle as fs.promises.FileHandle;
      if (this.#position === 0) {
        // The file's first line has no newline before it.
        const lines = this.#carry.length > 0 ? [this.#carry.toString('utf8')] : [];
        await this.#closeCurrent();
        if (lines.length > 0) return { lines, bytes: 0 };
        continue;
      }
      const size = Math.min(BLOCK, this.#position);
      this.#position -= size;
      const block = Buffer.allocUnsafe(size);
      await handle.read(block, 0, size, this.#position);
      const data = this.#carry.length === 0 ? block : Buffer.concat([block, this.#carry]);
      const lines: string[] = [];
      let end = data.length;
      for (;;) {
        const newline = end > 0 ? data.lastIndexOf(10, end - 1) : -1;
        if (newline === -1) break;
        lines.push(data.toString('utf8', newline + 1, end));
        end = newline;
      }
      this.#carry = Buffer.from(data.subarray(0, end));
      return { lines, bytes: size };
    }
    return null;
  }

  async close(): Promise<void> {
    this.#done = true;
    await this.#closeCurrent();
  }

  async #openNext(): Promise<boolean> {
    while (this.#index < this.files.length) {
      const file = this.files[this.#index] as string;
      const first = this.#index === 0;
      this.#index++;
      try {
        this.#handle = await fs.promises.open(file, 'r');
      } catch {
        if (first) continue;
        break;
      }
      this.opened.push(file);
      this.#position = (await this.#handle.stat()).size;
      this.#carry = Buffer.alloc(0);
      // A file ending with a newline: that newline ends its last line, it does not start an empty one.
      if (this.#position > 0) {
        const last = Buffer.alloc(1);
        await this.#handle.read(last, 0, 1, this.#position - 1);
        if (last[0] === 10) this.#position -= 1;
      }
      return true;
    }
    this.#done = true;
    return false;
  }

  async #closeCurrent(): Promise<void> {
    const handle = this.#handle;
    this.#handle = undefined;
    await handle?.close();
  }
}
