// The last lines of every app, in memory, for instant answers: one daemon-wide circular byte buffer
// (the log_ring_size setting) that captured chunks of whole lines are copied into, plus a small record
// per chunk (app, time, instance, stream, position) kept in a global FIFO and in a list per app. One
// memcpy per chunk on the hot path, no per-line work; lines are split out only when someone reads.
// New chunks overwrite the oldest ones whatever app they belong to, so a chatty app pushes out older
// lines of quiet ones, and memory stays at the budget however many apps there are. Older lines are
// read back from the log files.

export type CapturedStream = 'out' | 'err';

export interface RingLine {
  at: number;
  instance: number;
  stream: CapturedStream;
  msg: string;
}

interface RingChunk {
  owner: AppChunks;
  at: number;
  instance: number;
  stream: CapturedStream;
  /** Position in the stream of all bytes ever pushed (the buffer holds the last `limit` of them). */
  start: number;
  length: number;
}

/** One app's chunks, oldest first. */
interface AppChunks {
  name: string;
  chunks: Fifo<RingChunk>;
}

export const DEFAULT_RING_BYTES = 4 * 1024 * 1024;
/** Chunk records are capped too (one per `RECORD_SPAN` bytes of budget), so tiny chunks cannot grow memory. */
const RECORD_SPAN = 128;

export class LogRing {
  /** Allocated at the first push: a daemon whose apps print nothing holds no ring. */
  #buffer: Buffer | null = null;
  readonly #apps = new Map<string, AppChunks>();
  readonly #all = new Fifo<RingChunk>();
  /** Bytes ever pushed. */
  #written = 0;
  readonly #maxRecords: number;

  constructor(private readonly limit: number = DEFAULT_RING_BYTES) {
    this.#maxRecords = Math.max(1, Math.floor(limit / RECORD_SPAN));
  }

  push(app: string, at: number, instance: number, stream: CapturedStream, lines: Buffer): void {
    if (this.limit === 0) return;
    let data = lines;
    if (data.length > this.limit) {
      // Keep only the newest part, starting at a line boundary.
      const cut = data.indexOf(10, data.length - this.limit);
      data = data.subarray(cut === -1 ? data.length : cut + 1);
      if (data.length === 0) return;
    }
    this.#buffer ??= Buffer.allocUnsafeSlow(this.limit);
    const offset = this.#written % this.limit;
    const first = Math.min(data.length, this.limit - offset);
    data.copy(this.#buffer, offset, 0, first);
    if (first < data.length) data.copy(this.#buffer, 0, first);
    let owner = this.#apps.get(app);
    if (owner === undefined) this.#apps.set(app, (owner = { name: app, chunks: new Fifo() }));
    const chunk: RingChunk = { owner, at, instance, stream, start: this.#written, length: data.length };
    owner.chunks.push(chunk);
    this.#all.push(chunk);
    this.#written += data.length;
    this.#evict();
  }

  /** The last `count` lines of one app's selected chunks (by stream, instance, capture time), oldest first. */
  last(app: string, count: number, wanted: (stream: CapturedStream, instance: number, at: number) => boolean): RingLine[] {
    const owner = this.#apps.get(app);
    const result: RingLine[] = [];
    if (owner === undefined) return result;
    for (const chunk of owner.chunks.newestFirst()) {
      if (result.length >= count) break;
      if (!wanted(chunk.stream, chunk.instance, chunk.at)) continue;
      const lines = this.#text(chunk).split('\n');
      lines.pop(); // after the final '\n'
      for (let line = lines.length - 1; line >= 0 && result.length < count; line--) {
        result.push({ at: chunk.at, instance: chunk.instance, stream: chunk.stream, msg: lines[line] ?? '' });
      }
    }
    return result.reverse();
  }

  /** Drops an app's lines (deleted, or its logs flushed); its bytes are reused by the next chunks. */
  forget(app: string): void {
    const owner = this.#apps.get(app);
    if (owner === undefined) return;
    this.#apps.delete(app);
    owner.chunks = new Fifo();
  }

  /** What the ring holds (for tests and the memory bench): apps with lines, chunk records, bytes. */
  stats(): { apps: number; chunks: number; bytes: number } {
    let chunks = 0;
    let bytes = 0;
    for (const owner of this.#apps.values()) {
      for (const chunk of owner.chunks.newestFirst()) {
        chunks++;
        bytes += chunk.length;
      }
    }
    return { apps: this.#apps.size, chunks, bytes };
  }

  /** Drops the records of chunks whose bytes were (even partly) overwritten, and the oldest beyond the record cap. */
  #evict(): void {
    const oldest = this.#written - this.limit;
    for (let chunk = this.#all.peek(); chunk !== undefined; chunk = this.#all.peek()) {
      if (chunk.start >= oldest && this.#all.size <= this.#maxRecords) return;
      this.#all.shift();
      // An app's chunks are in push order, so its oldest is this one (unless the app was forgotten).
      const owner = chunk.owner;
      if (owner.chunks.peek() !== chunk) continue;
      owner.chunks.shift();
      if (owner.chunks.size === 0 && this.#apps.get(owner.name) === owner) this.#apps.delete(owner.name);
    }
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

/** An array used as a queue: the consumed front is dropped once it is most of the array (amortised O(1)). */
class Fifo<T> {
  #items: Array<T | undefined> = [];
  #head = 0;

  get size(): number {
    return this.#items.length - this.#head;
  }

  push(item: T): void {
    this.#items.push(item);
  }

  peek(): T | undefined {
    return this.#items[this.#head];
  }

  shift(): void {
    this.#items[this.#head++] = undefined;
    if (this.#head === this.#items.length) {
      this.#items = [];
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
  }

  *newestFirst(): Generator<T> {
    for (let index = this.#items.length - 1; index >= this.#head; index--) yield this.#items[index] as T;
  }
}

/** Splits whole lines (each ending in '\n') into strings without their newlines. */
export function splitLines(lines: Buffer): string[] {
  const result = lines.toString('utf8').split('\n');
  result.pop();
  return result;
}
