// The last lines of one app, in memory, for instant answers: whole-line chunks as captured (no
// per-line work on the hot path), bounded in bytes; lines are split out only when someone reads.

export type CapturedStream = 'out' | 'err';

export interface RingLine {
  at: number;
  instance: number;
  stream: CapturedStream;
  msg: string;
}

interface RingChunk {
  at: number;
  instance: number;
  stream: CapturedStream;
  /** Whole lines, each ending in '\n'; a copy, so the ring never pins the pipe's buffers. */
  data: Buffer;
}

export const RING_BYTES = 1024 * 1024;

export class LogRing {
  #chunks: RingChunk[] = [];
  #head = 0;
  #bytes = 0;
  /** True once a chunk was dropped: the ring no longer holds everything captured. */
  #evicted = false;

  constructor(private readonly limit: number = RING_BYTES) {}

  get evicted(): boolean {
    return this.#evicted;
  }

  push(at: number, instance: number, stream: CapturedStream, lines: Buffer): void {
    let data = lines;
    if (data.length > this.limit) {
      // Keep only the newest part, starting at a line boundary.
      const cut = data.indexOf(10, data.length - this.limit);
      data = data.subarray(cut === -1 ? data.length : cut + 1);
      this.#evicted = true;
      if (data.length === 0) return;
    }
    this.#chunks.push({ at, instance, stream, data: Buffer.from(data) });
    this.#bytes += data.length;
    while (this.#bytes > this.limit && this.#head < this.#chunks.length) {
      const dropped = this.#chunks[this.#head++];
      if (dropped !== undefined) this.#bytes -= dropped.data.length;
      this.#evicted = true;
    }
    // Compact now and then, so dropping from the front stays O(1) on average.
    if (this.#head > 1024 && this.#head * 2 > this.#chunks.length) {
      this.#chunks = this.#chunks.slice(this.#head);
      this.#head = 0;
    }
  }

  /** The last `count` lines of the selected stream(s), oldest first. */
  last(count: number, wanted: (stream: CapturedStream) => boolean): RingLine[] {
    const result: RingLine[] = [];
    for (let index = this.#chunks.length - 1; index >= this.#head && result.length < count; index--) {
      const chunk = this.#chunks[index];
      if (chunk === undefined || !wanted(chunk.stream)) continue;
      const lines = chunk.data.toString('utf8').split('\n');
      lines.pop(); // after the final '\n'
      for (let line = lines.length - 1; line >= 0 && result.length < count; line--) {
        result.push({ at: chunk.at, instance: chunk.instance, stream: chunk.stream, msg: lines[line] ?? '' });
      }
    }
    return result.reverse();
  }

  clear(): void {
    this.#chunks = [];
    this.#head = 0;
    this.#bytes = 0;
    this.#evicted = false;
  }
}

/** Splits whole lines (each ending in '\n') into strings without their newlines. */
export function splitLines(lines: Buffer): string[] {
  const result = lines.toString('utf8').split('\n');
  result.pop();
  return result;
}
