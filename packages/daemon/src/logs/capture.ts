// Per spawn and per stream: cuts the child's output into whole lines. Per chunk, not per line: one
// lastIndexOf finds the end of the last whole line; everything before it goes on as one slice, the
// partial tail waits for the next chunk. A final line without a newline is completed when the
// child's pipe ends. Back-pressure: the callback runs only when the sink can take more, so the
// pipe from the child pauses and the child's own writes block.
import { Writable } from 'node:stream';

/** Takes whole lines (each ending in '\n') captured at `at`; calls `done` when it can take more. */
export type LineSink = (lines: Buffer, at: number, done: () => void) => void;

/** Longer lines are cut into pieces of this size, so a newline-less flood cannot grow memory. */
export const MAX_LINE_BYTES = 1024 * 1024;

const NEWLINE = Buffer.from('\n');

export class LineCapture extends Writable {
  #tail: Buffer | null = null;

  constructor(private readonly sink: LineSink) {
    // Above the pipe's 64 KiB reads, so a full read does not pause the pipe each time (write() compares
    // before the chunk is handled); real back-pressure comes from the log file's bounded buffer.
    super({ highWaterMark: 64 * 1024 });
    // The unit pipes with { end: false }; an 'unpipe' means the child's pipe ended (or was dropped):
    // finish, so the last line without a newline is written.
    this.on('unpipe', () => this.end());
    this.on('error', () => undefined);
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const at = Date.now();
    const last = chunk.lastIndexOf(10);
    if (last === -1) {
      this.#hold(chunk, at, callback);
      return;
    }
    const tail = this.#tail;
    this.#tail = last + 1 < chunk.length ? Buffer.from(chunk.subarray(last + 1)) : null;
    if (tail === null) {
      this.sink(chunk.subarray(0, last + 1), at, () => callback());
      return;
    }
    // The held partial line plus the first line end of this chunk, then the rest as a slice
    // (no copy of the whole chunk).
    const first = chunk.indexOf(10);
    const head = Buffer.concat([tail, chunk.subarray(0, first + 1)]);
    if (first === last) {
      this.sink(head, at, () => callback());
      return;
    }
    this.sink(head, at, () => this.sink(chunk.subarray(first + 1, last + 1), at, () => callback()));
  }

  override _final(callback: (error?: Error | null) => void): void {
    const tail = this.#tail;
    this.#tail = null;
    if (tail === null || tail.length === 0) {
      callback();
      return;
    }
    this.sink(Buffer.concat([tail, NEWLINE]), Date.now(), () => callback());
  }

  #hold(chunk: Buffer, at: number, callback: (error?: Error | null) => void): void {
    const tail = this.#tail === null ? Buffer.from(chunk) : Buffer.concat([this.#tail, chunk]);
    if (tail.length < MAX_LINE_BYTES) {
      this.#tail = tail;
      callback();
      return;
    }
    this.#tail = null;
    this.sink(Buffer.concat([tail, NEWLINE]), at, () => callback());
  }
}
