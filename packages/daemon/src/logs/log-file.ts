// One log file on disk, rotated classically (`api-out.log.1` newest ... `.N` oldest, `.gz` when
// compressed). A Writable with a bounded buffer: when the disk is slower than the apps, write()
// returns false and the capture stops reading the app's pipe.
//
// Whole lines only: every chunk written here is whole lines, and a batch is cut at the first line
// end past the rotation size, so no line is split across files and no file exceeds max size plus
// one line. A short write (a nearly full disk stores part of a buffer) is continued from the next
// byte, never taken for a whole one. A failed write (disk full, folder gone, permission changed) is
// reported once and, under the default `log_full_policy: "block"`, retried every second from the
// exact byte while back-pressure holds the apps; under `"drop"` the lines that do not fit are
// dropped whole (a partly written line is cut back off the file) and counted. Data is otherwise
// only dropped, and counted, when the file is closed for good while still failing (app deleted).
import fs from 'node:fs';
import { Writable } from 'node:stream';
import type { LogFullPolicy } from '@svctl/protocol';
import { appendRange, openForAppend, PRIVATE_FILE, type AppendTarget, type FileAccess } from './append-file.js';
import { rotatedName, rotateFiles } from './rotate-files.js';

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
  /** Whole lines that were not written: dropped under the "drop" policy, or left when the file closed for good. */
  dropped(file: string, lines: number): void;
}

/** What list and describe show of a file: writing, holding the app, or dropping lines. */
export interface LogFileState {
  status: 'ok' | 'blocked' | 'dropping';
  /** Why writing fails, e.g. `ENOSPC: no space left on device`. */
  error?: string;
  dropped_lines: number;
}

export const LOG_FILE_BUFFER_BYTES = 1024 * 1024;
export const RETRY_MS = 1000;
/** Drops are reported at most this often (each report counts every line since the last). */
export const DROP_REPORT_MS = 1000;
const STAGING_BYTES = 2 * LOG_FILE_BUFFER_BYTES;
const MIN_STAGING_BYTES = 64 * 1024;

export class LogFile extends Writable {
  #target: AppendTarget | null = null;
  /** Bytes in the current file, counted as they are stored. */
  #size = 0;
  #failingSince: number | null = null;
  #error: string | null = null;
  #droppedLines = 0;
  #unreportedDrops = 0;
  #dropReport: NodeJS.Timeout | null = null;
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
    private fullPolicy: LogFullPolicy = 'block',
    private readonly access: FileAccess = PRIVATE_FILE,
  ) {
    super({ highWaterMark: LOG_FILE_BUFFER_BYTES });
    // Writes after close (a pipe's last bytes) are dropped by the caller; never crash on them.
    this.on('error', () => undefined);
  }

  /** The app's rotation settings or log_full_policy changed in place: the next write follows them. */
  configure(policy: RotationPolicy, fullPolicy: LogFullPolicy = 'block'): void {
    this.policy = policy;
    this.fullPolicy = fullPolicy;
  }

  get droppedLines(): number {
    return this.#droppedLines;
  }

  get failing(): boolean {
    return this.#failingSince !== null;
  }

  get state(): LogFileState {
    const status = this.#failingSince === null ? 'ok' : this.fullPolicy === 'drop' ? 'dropping' : 'blocked';
    return { status, ...(this.#error === null ? {} : { error: this.#error }), dropped_lines: this.#droppedLines };
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.#writeBatch(chunk, callback);
  }

  override _writev(chunks: Array<{ chunk: Buffer }>, callback: (error?: Error | null) => void): void {
    this.#writeBatch(this.#gather(chunks), callback);
  }

  #writeBatch(batch: Buffer, callback: (error?: Error | null) => void): void {
    const done = () => {
      callback();
      // Output stopped (nothing more buffered): give the staging buffer back, so an idle app holds none.
      // Checked after single writes too: the last write of a burst is often a lone chunk.
      if (this.writableLength === 0) this.#staging = null;
    };
    this.#enqueue(() => this.#writeAll(batch)).then(done, done);
  }

  /** One buffer for the batch, copied into a staging buffer reused from batch to batch (no garbage). */
  #gather(chunks: Array<{ chunk: Buffer }>): Buffer {
    if (chunks.length === 1) return (chunks[0] as { chunk: Buffer }).chunk;
    let total = 0;
    for (const { chunk } of chunks) total += chunk.length;
    if (total > STAGING_BYTES) return Buffer.concat(chunks.map((entry) => entry.chunk), total);
    // Sized to the batches seen (doubling), not to the maximum: many files batching at once stay small.
    if (this.#staging === null || this.#staging.length < total) this.#staging = Buffer.allocUnsafeSlow(Math.min(STAGING_BYTES, Math.max(MIN_STAGING_BYTES, 2 ** Math.ceil(Math.log2(total)))));
    let offset = 0;
    for (const { chunk } of chunks) offset += chunk.copy(this.#staging, offset);
    return this.#staging.subarray(0, total);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.#enqueue(async () => {
      await this.#closeTarget();
      this.#reportDrops();
    }).then(() => callback(), () => callback());
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
      await this.#closeTarget();
      await removeLogFiles(this.file, this.policy.maxFiles, true);
    });
  }

  /** Closes the file; the next write opens whatever is at the path now (after an external logrotate). */
  reopen(): Promise<void> {
    this.#wake?.();
    return this.#enqueue(() => this.#closeTarget());
  }

  #enqueue(operation: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(operation);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #writeAll(data: Buffer): Promise<void> {
    let offset = 0;
    while (offset < data.length) {
      const target = await this.#ready();
      if (target === null) {
        this.#drop(data, offset);
        return;
      }
      const end = this.#partEnd(data, offset);
      try {
        // Each stored piece moves `offset`, so a retry starts at the exact byte that was not written.
        await appendRange(target.handle, data, offset, end, (bytes) => {
          offset += bytes;
          this.#size += bytes;
        });
      } catch (error) {
        this.#fail(error as Error);
        if (this.fullPolicy === 'drop') {
          await this.#dropFrom(target, data, offset);
          return;
        }
        if (!this.#closing) await this.#pause(RETRY_MS);
        continue;
      }
      this.#recovered();
      if (this.#size >= this.policy.maxSize) await this.#rotate();
    }
  }

  /** Where this write stops: the whole rest, or the first line end at or past the rotation size. */
  #partEnd(data: Buffer, offset: number): number {
    const room = this.policy.maxSize - this.#size;
    if (data.length - offset < room) return data.length;
    const newline = data.indexOf(10, offset + Math.max(room, 1) - 1);
    return newline === -1 ? data.length : newline + 1;
  }

  /** The open file, opening (and, under "block", retrying every second while it fails) when needed; null to give up. */
  async #ready(): Promise<AppendTarget | null> {
    for (;;) {
      if (this.#target !== null) {
        if (this.#stillInPlace(this.#target)) return this.#target;
        this.reporter.missing(this.file);
        await this.#closeTarget();
      }
      if (this.#closing && this.#failingSince !== null) return null;
      try {
        this.#target = await openForAppend(this.file, this.access);
        this.#size = this.#target.size;
        this.#pruneOld();
        return this.#target;
      } catch (error) {
        this.#fail(error as Error);
      }
      if (this.#closing || this.fullPolicy === 'drop') return null;
      await this.#pause(RETRY_MS);
    }
  }

  /** Cheap check before each write: the path still names the file we have open (not removed or moved). */
  #stillInPlace(target: AppendTarget): boolean {
    try {
      return fs.statSync(this.file).ino === target.ino;
    } catch {
      return false;
    }
  }

  /** Rotates between two lines; a rotation that fails (e.g. gzip on a full disk) is retried after the next write. */
  async #rotate(): Promise<void> {
    await this.#closeTarget();
    try {
      await rotateFiles(this.file, this.policy.maxFiles, this.policy.compress, this.access.mode);
    } catch (error) {
      this.#fail(error as Error);
    }
  }

  /** "drop": a line the disk took only part of is cut back off the file, so the file keeps whole lines. */
  async #dropFrom(target: AppendTarget, data: Buffer, offset: number): Promise<void> {
    const lineStart = offset === 0 ? 0 : data.lastIndexOf(10, offset - 1) + 1;
    if (lineStart < offset) {
      const whole = this.#size - (offset - lineStart);
      try {
        await target.handle.truncate(whole);
        this.#size = whole;
      } catch {
        // Cannot cut it back: the partial line stays, and it is still counted as dropped.
      }
    }
    this.#drop(data, lineStart);
  }

  #drop(data: Buffer, from: number): void {
    let lines = 0;
    for (let index = data.indexOf(10, from); index !== -1; index = data.indexOf(10, index + 1)) lines++;
    if (lines === 0) return;
    this.#droppedLines += lines;
    this.#unreportedDrops += lines;
    if (this.#closing) this.#reportDrops();
    else this.#dropReport ??= setTimeout(() => this.#reportDrops(), DROP_REPORT_MS).unref();
  }

  #reportDrops(): void {
    if (this.#dropReport !== null) clearTimeout(this.#dropReport);
    this.#dropReport = null;
    const lines = this.#unreportedDrops;
    this.#unreportedDrops = 0;
    if (lines > 0) this.reporter.dropped(this.file, lines);
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

  async #closeTarget(): Promise<void> {
    const target = this.#target;
    this.#target = null;
    await target?.handle.close().catch(() => undefined);
  }

  #fail(error: Error): void {
    this.#error = error.message;
    if (this.#failingSince !== null) return;
    this.#failingSince = Date.now();
    this.reporter.failed(this.file, error);
  }

  #recovered(): void {
    if (this.#failingSince === null) return;
    const downMs = Date.now() - this.#failingSince;
    this.#failingSince = null;
    this.#error = null;
    this.#reportDrops();
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
