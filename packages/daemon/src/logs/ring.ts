// The last lines of one app, in memory, for instant answers. A fixed circular byte buffer (1 MiB)
// that captured chunks of whole lines are copied into, plus a small record per chunk (time,
// instance, stream, position): one memcpy per chunk on the hot path, no per-line work and no
// garbage; lines are split out only when someone reads. Old chunks are overwritten by new ones.

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
  /** Position in the stream of all bytes ever pushed (the buffer holds the last `limit` of them). */
  start: number;
  length: number;
}

export const RING_BYTES = 1024 * 1024;

export class LogRing {
  #buffer: Buffer | null = null;
  #chunks: Array<RingChunk | undefined> = [];
  #head = 0;
  /** Bytes ever pushed. */
  #written = 0;
  #evicted = false;

  constructor(private readonly limit: number = RING_BYTES) {}

  /** True once a chunk was overwritten: the ring no longer holds everything captured. */
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
    this.#buffer ??= Buffer.allocUnsafeSlow(this.limit);
    const offset = this.#written % this.limit;
    const first = Math.min(data.length, this.limit - offset);
    data.copy(this.#buffer, offset, 0, first);
    if (first < data.length) data.copy(this.#buffer, 0, first);
    this.#chunks.push({ at, instance, stream, start: this.#written, length: data.length });
    this.#written += data.length;
    // Drop the records of chunks whose bytes were (even partly) overwritten.
    const oldest = this.#written - this.limit;
    while (this.#head < this.#chunks.length && (this.#chunks[this.#head]?.start ?? 0) < oldest) {
      this.#chunks[this.#head++] = undefined;
      this.#evicted = true;
    }
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
      const lines = this.#text(chunk).split('\n');
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
    this.#evicted = false;
  }

  #text(chunk: RingChunk): string {
    const buffer = this.#buffer as Buffer;
    const offset = chunk.start % this.limit;
    const first = Math.min(chunk.length, this.limit - offset);
    if (first === chunk.length) return buffer.toString('utf8', offset, offset + first);
    // A chunk that wrapped around: decode the joined bytes, so a character split at the seam survives.
    return Buffer.concat([buffer.subarray(offset, offset + first), buffer.subarray(0, chunk.length - first)]).toString('utf8');
  }
}

/** Splits whole lines (each ending in '\n') into strings without their newlines. */
export function splitLines(lines: Buffer): string[] {
  const result = lines.toString('utf8').split('\n');
  result.pop();
  return result;
}
