// Per spawn and per stream: reads the child's output and cuts it into whole lines. A plain 'data'
// listener on the pipe, not stream.pipe into a Writable: an idle app's streams then cost the capture
// a few fields and two listeners each (bench/HISTORY.md, per-app memory). Per chunk, not per line:
// one lastIndexOf finds the end of the last whole line; everything before it goes on as one slice,
// the partial tail waits for the next chunk. A final line without a newline is completed when the
// pipe ends or the capture is released. Back-pressure: while the sink has not said `done`, the pipe
// is paused, so the child's own writes block once the pipe's buffer is full.
import type { Readable } from 'node:stream';
import type { OutputSink } from '../lifecycle/unit.js';

/** Where a capture's lines go; `done` when it can take more. One owner serves many captures. */
export interface LineOwner {
  /** Whole lines (each ending in '\n') captured at `at`. */
  lines(from: LineCapture, lines: Buffer, at: number, done: () => void): void;
  /** The capture wrote its last line: its pipe ended, or it was released. */
  finished(from: LineCapture): void;
}

/** Longer lines are cut into pieces of this size, so a newline-less flood cannot grow memory. */
export const MAX_LINE_BYTES = 1024 * 1024;

const NEWLINE = Buffer.from('\n');

export class LineCapture implements OutputSink {
  #tail: Buffer | null = null;
  #source: Readable | null = null;
  /** Chunks a paused pipe still delivered while the owner was busy; in order. */
  #queued: Buffer[] | null = null;
  #busy = false;
  /** This capture paused the pipe (the owner was busy); it resumes it. */
  #paused = false;
  /** The pipe ended or the capture was released: finish once the lines in hand are written. */
  #ending = false;
  #done = false;
  readonly #onData = (chunk: Buffer): void => this.#take(chunk);
  readonly #onEnd = (): void => this.release();

  constructor(
    private readonly owner: LineOwner,
    readonly instance: number,
    readonly stream: 'out' | 'err',
  ) {}

  attach(source: Readable): void {
    if (this.#done || this.#source !== null) return;
    if (source.readableEnded) {
      this.release();
      return;
    }
    this.#source = source;
    source.on('data', this.#onData);
    source.on('end', this.#onEnd);
    // A source another capture paused (a reopen while that one was busy) flows again.
    source.resume();
  }

  /** Stops reading the pipe (it ended, or its output moves to another capture); the held partial line is completed. */
  release(): void {
    this.#detach();
    if (this.#ending || this.#done) return;
    this.#ending = true;
    if (!this.#busy) this.#finish();
  }

  /** Gives up at once: nothing more is written (the owner closes for good). */
  destroy(): void {
    this.#detach();
    this.#queued = null;
    this.#tail = null;
    this.#done = true;
  }

  #detach(): void {
    const source = this.#source;
    if (source === null) return;
    this.#source = null;
    this.#paused = false;
    source.off('data', this.#onData);
    source.off('end', this.#onEnd);
  }

  #take(chunk: Buffer): void {
    if (this.#done) return;
    if (this.#busy) {
      (this.#queued ??= []).push(chunk);
      return;
    }
    this.#busy = true;
    this.#cut(chunk);
    // Not done synchronously: hold the pipe until the owner can take more.
    if (this.#busy && this.#source !== null) {
      this.#paused = true;
      this.#source.pause();
    }
  }

  #next(): void {
    if (this.#done) return;
    const chunk = this.#queued?.shift();
    if (chunk !== undefined) {
      this.#cut(chunk);
      return;
    }
    this.#queued = null;
    this.#busy = false;
    if (this.#ending) this.#finish();
    else if (this.#paused) {
      this.#paused = false;
      this.#source?.resume();
    }
  }

  #cut(chunk: Buffer): void {
    const at = Date.now();
    const last = chunk.lastIndexOf(10);
    if (last === -1) {
      this.#hold(chunk, at);
      return;
    }
    const tail = this.#tail;
    this.#tail = last + 1 < chunk.length ? Buffer.from(chunk.subarray(last + 1)) : null;
    if (tail === null) {
      this.#send(chunk.subarray(0, last + 1), at);
      return;
    }
    // The held partial line plus the first line end of this chunk, then the rest as a slice (no copy of the whole chunk).
    const first = chunk.indexOf(10);
    const head = Buffer.concat([tail, chunk.subarray(0, first + 1)]);
    if (first === last) {
      this.#send(head, at);
      return;
    }
    this.owner.lines(this, head, at, () => this.#send(chunk.subarray(first + 1, last + 1), at));
  }

  #hold(chunk: Buffer, at: number): void {
    const tail = this.#tail === null ? Buffer.from(chunk) : Buffer.concat([this.#tail, chunk]);
    if (tail.length < MAX_LINE_BYTES) {
      this.#tail = tail;
      this.#next();
      return;
    }
    this.#tail = null;
    this.#send(Buffer.concat([tail, NEWLINE]), at);
  }

  #send(lines: Buffer, at: number): void {
    this.owner.lines(this, lines, at, () => this.#next());
  }

  #finish(): void {
    const tail = this.#tail;
    this.#tail = null;
    if (tail !== null && tail.length > 0) {
      // Written like any line; #next comes back here with no tail and ends.
      this.#busy = true;
      this.#send(Buffer.concat([tail, NEWLINE]), Date.now());
      return;
    }
    this.#done = true;
    this.owner.finished(this);
  }
}
