// One log file on disk, rotated by rotating-file-stream with predictable names (`api-out-0.log.1`
// newest ... `.N` oldest, `.gz` when compressed). A Writable with a bounded buffer: when the disk is
// slower than the apps, write() returns false and the capture stops reading the app's pipe.
//
// Whole lines only: every chunk written here is whole lines, and a batch is cut at the first line
// end past the rotation size, so no line is split across files and no file exceeds max size plus
// one line. A failed write (disk full, folder gone, permission changed) is reported once, the data
// is kept, and the write is retried every second while back-pressure holds the apps; it is never
// dropped unless the file is closed for good while still failing (the app was deleted).
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createStream, type RotatingFileStream } from 'rotating-file-stream';

export interface RotationPolicy {
  /** Bytes at which the file is rotated. */
  maxSize: number;
  /** Rotated files kept. */
  maxFiles: number;
  /** Rotated files older than this are deleted; null keeps them until they rotate out. */
  maxAgeMs: number | null;
  compress: boolean;
}

export interface FileReporter {
  /** First failure of an outage. */
  failed(file: string, error: Error): void;
  /** Writing works again after `downMs`. */
  recovered(file: string, downMs: number): void;
  /** The file was moved or removed behind our back (logrotate, rm); it is reopened. */
  missing(file: string): void;
  /** Data that could not be written before the file was closed for good. */
  dropped(file: string, bytes: number): void;
}

export const LOG_FILE_BUFFER_BYTES = 1024 * 1024;
export const RETRY_MS = 1000;
const STAGING_BYTES = 2 * LOG_FILE_BUFFER_BYTES;

/** `api-out-0.log.3` / `api-out-0.log.3.gz`: index 1 is the newest rotated file. */
export function rotatedName(file: string, index: number, compress: boolean): string {
  return `${file}.${index}${compress ? '.gz' : ''}`;
}

export class LogFile extends Writable {
  #stream: RotatingFileStream | null = null;
  #inode: number | null = null;
  /** Mirrors rotating-file-stream's own count of the current file's bytes. */
  #size = 0;
  #failingSince: number | null = null;
  #closing = false;
  #wake: (() => void) | null = null;
  /** Reused for each batch while output flows: writes are serialised, so it is free again when the next batch comes. */
  #staging: Buffer | null = null;
  /** Serialises writes, flush and reopen. */
  #queue: Promise<void> = Promise.resolve();

  constructor(
    readonly file: string,
    private policy: RotationPolicy,
    private readonly reporter: FileReporter,
  ) {
    super({ highWaterMark: LOG_FILE_BUFFER_BYTES });
    // Writes after close (a pipe's last bytes) are dropped by the caller; never crash on them.
    this.on('error', () => undefined);
  }

  get failing(): boolean {
    return this.#failingSince !== null;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.#enqueue(() => this.#writeAll(chunk)).then(() => callback(), () => callback());
  }

  override _writev(chunks: Array<{ chunk: Buffer }>, callback: (error?: Error | null) => void): void {
    const done = () => {
      callback();
      // Output stopped (nothing more buffered): give the staging buffer back, so an idle app holds none.
      if (this.writableLength === 0) this.#staging = null;
    };
    this.#enqueue(() => this.#writeAll(this.#gather(chunks))).then(done, done);
  }

  /** One buffer for the batch, copied into a staging buffer reused from batch to batch (no garbage). */
  #gather(chunks: Array<{ chunk: Buffer }>): Buffer {
    if (chunks.length === 1) return (chunks[0] as { chunk: Buffer }).chunk;
    let total = 0;
    for (const { chunk } of chunks) total += chunk.length;
    if (total > STAGING_BYTES) return Buffer.concat(chunks.map((entry) => entry.chunk), total);
    this.#staging ??= Buffer.allocUnsafeSlow(STAGING_BYTES);
    let offset = 0;
    for (const { chunk } of chunks) offset += chunk.copy(this.#staging, offset);
    return this.#staging.subarray(0, total);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.#enqueue(() => this.#closeStream()).then(() => callback(), () => callback());
  }

  /** Writes what is buffered, then closes; a write still failing is given up (and reported). */
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.writableFinished || this.destroyed) {
        resolve();
        return;
      }
      this.#closing = true;
      this.#wake?.();
      this.end(() => resolve());
    });
  }

  /** Empties the file (truncated; rotated files removed) between two writes. */
  flush(): Promise<void> {
    return this.#enqueue(async () => {
      await this.#closeStream();
      await removeLogFiles(this.file, this.policy.maxFiles, true);
    });
  }

  /** Closes the file; the next write opens whatever is at the path now (after an external logrotate). */
  reopen(): Promise<void> {
    this.#wake?.();
    return this.#enqueue(() => this.#closeStream());
  }

  #enqueue(operation: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(operation);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #writeAll(data: Buffer): Promise<void> {
    let offset = 0;
    while (offset < data.length) {
      const stream = await this.#ready();
      if (stream === null) {
        this.reporter.dropped(this.file, data.length - offset);
        return;
      }
      const end = this.#partEnd(data, offset);
      // rotating-file-stream rotates right after the chunk that reaches the size (counted before
      // writing: the rotation's reopen also resets the count; after a failure, reopening re-reads it).
      const size = this.#size + (end - offset);
      this.#size = size >= this.policy.maxSize ? 0 : size;
      try {
        await writeTo(stream, data.subarray(offset, end));
      } catch (error) {
        this.#fail(error as Error);
        this.#discard();
        if (!this.#closing) await this.#pause(RETRY_MS);
        continue;
      }
      offset = end;
      this.#recovered();
    }
  }

  /** Where this write stops: the whole rest, or the first line end at or past the rotation size. */
  #partEnd(data: Buffer, offset: number): number {
    const room = this.policy.maxSize - this.#size;
    if (data.length - offset < room) return data.length;
    const newline = data.indexOf(10, offset + Math.max(room, 1) - 1);
    return newline === -1 ? data.length : newline + 1;
  }

  /** The open stream, opening (and retrying every second while it fails) when needed; null when closing. */
  async #ready(): Promise<RotatingFileStream | null> {
    for (;;) {
      if (this.#stream !== null) {
        if (this.#stillInPlace()) return this.#stream;
        this.reporter.missing(this.file);
        await this.#closeStream();
      }
      if (this.#closing && this.#failingSince !== null) return null;
      try {
        this.#stream = await this.#open();
        return this.#stream;
      } catch (error) {
        this.#fail(error as Error);
      }
      if (this.#closing) return null;
      await this.#pause(RETRY_MS);
    }
  }

  /** Cheap check before each write: the path still names the file we have open (not removed or moved). */
  #stillInPlace(): boolean {
    try {
      return fs.statSync(this.file).ino === this.#inode;
    } catch {
      return false;
    }
  }

  #open(): Promise<RotatingFileStream> {
    const base = path.basename(this.file);
    const { compress, maxFiles, maxSize } = this.policy;
    return new Promise((resolve, reject) => {
      let stream: RotatingFileStream;
      try {
        stream = createStream((index: number | Date | null) => (typeof index === 'number' && index > 0 ? path.basename(rotatedName(base, index, compress)) : base), {
          path: path.dirname(this.file),
          size: `${Math.max(1, maxSize)}B`,
          rotate: maxFiles,
          mode: 0o600,
          ...(compress ? { compress: 'gzip' as const } : {}),
        });
      } catch (error) {
        reject(error as Error);
        return;
      }
      const onError = (error: Error) => {
        stream.destroy();
        reject(error);
      };
      stream.once('error', onError);
      stream.on('open', () => this.#opened());
      stream.on('rotated', () => this.#pruneOld());
      stream.once('open', () => {
        stream.off('error', onError);
        // Errors surface through write callbacks; the event itself must not crash the daemon.
        stream.on('error', () => undefined);
        resolve(stream);
      });
    });
  }

  /** Also called after each rotation (a new file): remember which file the path names, and its size. */
  #opened(): void {
    try {
      const stats = fs.statSync(this.file);
      this.#inode = stats.ino;
      this.#size = stats.size;
    } catch {
      this.#inode = null;
    }
    this.#pruneOld();
  }

  #pruneOld(): void {
    const { maxAgeMs, maxFiles, compress } = this.policy;
    if (maxAgeMs === null) return;
    const cutoff = Date.now() - maxAgeMs;
    const prune = async () => {
      for (let index = 1; index <= maxFiles; index++) {
        const name = rotatedName(this.file, index, compress);
        const stats = await fs.promises.stat(name).catch(() => null);
        if (stats !== null && stats.mtimeMs < cutoff) await fs.promises.rm(name, { force: true });
      }
    };
    prune().catch(() => undefined);
  }

  async #closeStream(): Promise<void> {
    const stream = this.#stream;
    this.#stream = null;
    this.#inode = null;
    if (stream === null || stream.destroyed || stream.writableFinished) return;
    await new Promise<void>((resolve) => stream.end(() => resolve()));
  }

  #discard(): void {
    const stream = this.#stream;
    this.#stream = null;
    this.#inode = null;
    stream?.destroy();
  }

  #fail(error: Error): void {
    if (this.#failingSince !== null) return;
    this.#failingSince = Date.now();
    this.reporter.failed(this.file, error);
  }

  #recovered(): void {
    if (this.#failingSince === null) return;
    const downMs = Date.now() - this.#failingSince;
    this.#failingSince = null;
    this.reporter.recovered(this.file, downMs);
  }

  #pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = () => {
        this.#wake = null;
        done();
      };
    });
  }
}

function writeTo(stream: RotatingFileStream, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(data, (error) => (error ? reject(error) : resolve()));
  });
}

/** Truncates a log file and removes its rotated files (plain and .gz); for `flush`. */
export async function removeLogFiles(file: string, maxFiles: number, keepCurrent: boolean): Promise<void> {
  if (keepCurrent) await fs.promises.truncate(file, 0).catch(() => undefined);
  else await fs.promises.rm(file, { force: true });
  for (let index = 1; index <= Math.max(maxFiles, 1000) && index <= 1000; index++) {
    const plain = rotatedName(file, index, false);
    const zipped = rotatedName(file, index, true);
    const found = [plain, zipped].filter((name) => fs.existsSync(name));
    if (found.length === 0 && index > maxFiles) break;
    for (const name of found) await fs.promises.rm(name, { force: true });
  }
}
