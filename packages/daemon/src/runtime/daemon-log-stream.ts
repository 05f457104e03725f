// Where pino writes daemon.log: a bounded queue drained by one writer, rotated by size. The daemon
// never waits for its own log and its memory never grows with it: past `maxQueuedBytes` new lines are
// dropped, and a line saying how many takes their place once there is room again. Writes continue
// a short write from the exact byte; a failing disk is retried every second. On a fatal error the
// queue and the last words are written synchronously (`flushSync`) before the process exits.
import fs from 'node:fs';
import { APPEND_NO_FOLLOW, appendAllSync, appendRange, openForAppend, type AppendTarget } from '../logs/append-file.js';
import { rotateFiles } from '../logs/rotate-files.js';

export interface DaemonLogStreamOptions {
  maxSize: number;
  maxFiles: number;
  /** Lines waiting to be written, at most (default 4 MiB). */
  maxQueuedBytes?: number;
}

export const DAEMON_LOG_QUEUE_BYTES = 4 * 1024 * 1024;
const BATCH_BYTES = 256 * 1024;
const RETRY_MS = 1000;

export class DaemonLogStream {
  #queue: string[] = [];
  #queuedBytes = 0;
  #dropped = 0;
  #target: AppendTarget | null = null;
  #size = 0;
  #draining: Promise<void> | null = null;
  /** The batch being written: a fatal error writes its rest synchronously. */
  #inFlight: { data: Buffer; offset: number } | null = null;
  readonly #maxQueuedBytes: number;

  constructor(
    readonly file: string,
    private readonly options: DaemonLogStreamOptions,
  ) {
    this.#maxQueuedBytes = options.maxQueuedBytes ?? DAEMON_LOG_QUEUE_BYTES;
  }

  /** pino's destination: one JSON line per call. Never blocks, never throws. */
  write(line: string): boolean {
    if (this.#queuedBytes + line.length > this.#maxQueuedBytes) {
      this.#dropped++;
      return true;
    }
    this.#noteDrops();
    this.#push(line);
    this.#startDrain();
    return true;
  }

  /** Everything queued (and a drop notice) written now, synchronously: the process is about to exit. */
  flushSync(): void {
    this.#noteDrops();
    const inFlight = this.#inFlight;
    this.#inFlight = null;
    const rest = inFlight === null ? '' : inFlight.data.subarray(inFlight.offset).toString();
    // The async writer stops after the write it has in the kernel now (which may land too: a line twice, never none).
    if (inFlight !== null) inFlight.offset = inFlight.data.length;
    const text = rest + this.#take(Infinity);
    if (text === '') return;
    let fd: number | null = null;
    try {
      fd = fs.openSync(this.file, APPEND_NO_FOLLOW, 0o600);
      appendAllSync(fd, Buffer.from(text));
    } catch {
      // Nowhere to write: stderr (daemon.out when started by the CLI) is the last resort.
      process.stderr.write(text);
    } finally {
      if (fd !== null) fs.closeSync(fd);
    }
  }

  /** Waits for the queue (and a drop notice) to be written, then closes the file. */
  async end(): Promise<void> {
    this.#noteDrops();
    this.#startDrain();
    while (this.#draining !== null) await this.#draining;
    await this.#target?.handle.close().catch(() => undefined);
    this.#target = null;
  }

  /** The line that takes the place of the lines dropped, once there is room again. */
  #noteDrops(): void {
    if (this.#dropped === 0) return;
    this.#push(droppedNotice(this.#dropped));
    this.#dropped = 0;
  }

  #startDrain(): void {
    if (this.#queue.length > 0) this.#draining ??= this.#drain().finally(() => (this.#draining = null));
  }

  #push(line: string): void {
    this.#queue.push(line);
    this.#queuedBytes += line.length;
  }

  /** Queued lines, oldest first, up to about `bytes`. */
  #take(bytes: number): string {
    let taken = 0;
    let count = 0;
    while (count < this.#queue.length && (count === 0 || taken < bytes)) {
      taken += (this.#queue[count] as string).length;
      count++;
    }
    const text = this.#queue.splice(0, count).join('');
    this.#queuedBytes -= text.length;
    return text;
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      try {
        this.#target ??= await this.#open();
        // Batches end at the rotation size (give or take a line), so files stay near it.
        const batch = { data: Buffer.from(this.#take(Math.min(BATCH_BYTES, Math.max(1, this.options.maxSize - this.#size)))), offset: 0 };
        this.#inFlight = batch;
        await this.#writeBatch(batch);
        this.#inFlight = null;
      } catch {
        // Cannot open: retried after a pause, the queue bound keeps memory flat meanwhile.
        await pause();
        continue;
      }
      if (this.#size >= this.options.maxSize) await this.#rotate();
    }
  }

  /** Writes a batch, continuing from the exact byte after a short or failed write (disk full: retried every second). */
  async #writeBatch(batch: { data: Buffer; offset: number }): Promise<void> {
    while (batch.offset < batch.data.length) {
      try {
        this.#target ??= await this.#open();
        await appendRange(this.#target.handle, batch.data, batch.offset, batch.data.length, (bytes) => {
          batch.offset += bytes;
          this.#size += bytes;
        });
      } catch {
        await this.#closeTarget();
        await pause();
      }
    }
  }

  async #open(): Promise<AppendTarget> {
    const target = await openForAppend(this.file);
    this.#size = target.size;
    return target;
  }

  async #rotate(): Promise<void> {
    await this.#closeTarget();
    await rotateFiles(this.file, this.options.maxFiles, false, 0o600).catch(() => undefined);
  }

  async #closeTarget(): Promise<void> {
    const target = this.#target;
    this.#target = null;
    await target?.handle.close().catch(() => undefined);
  }
}

function pause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, RETRY_MS).unref());
}

/** A pino-shaped line (level 40, warn) that takes the place of the lines dropped. */
function droppedNotice(count: number): string {
  return `${JSON.stringify({ level: 40, time: new Date().toISOString(), pid: process.pid, event: 'daemon_log_dropped', dropped: count, msg: `daemon log fell behind: ${count} line(s) dropped` })}\n`;
}
