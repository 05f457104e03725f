// Where each instance's stdout and stderr go, and the capture that writes them: per spawn, one
// LineCapture per stream feeding the app's log files (shared through the LogService, so instances
// with merge_logs, or apps naming the same file, write whole lines into one writer) and, once a
// chunk is on disk, the app's ring and followers. The files are acquired at the first line, so an
// app that prints nothing holds no writer (the file on disk is created at the first write anyway).
import path from 'node:path';
import type { AppSpec, LogState } from '@svctl/protocol';
import type { OutputStreams } from '../lifecycle/unit.js';
import { LineCapture, type LineOwner } from './capture.js';
import { lineFormatFor, type LineFormat } from './line-format.js';
import type { LogFile } from './log-file.js';
import type { LogService } from './log-service.js';
import type { CapturedStream } from './ring.js';

export interface LogPaths {
  out: string;
  err: string;
  /** log_file: stdout and stderr together. */
  combined?: string;
}

export const DISCARD = '/dev/null';

/**
 * pm2's naming: `<name>-out.log` for one instance (or merge_logs), `<name>-out-<instance>.log` for several;
 * out_file/error_file/log_file win and follow the same rule (`worker-out.log` → `worker-out-1.log`).
 */
export function logPaths(logsDir: string, spec: AppSpec, instance: number): LogPaths {
  const suffix = spec.merge_logs === true || spec.instances <= 1 ? '' : `-${instance}`;
  const base = spec.name.replace(/[^A-Za-z0-9._-]/g, '_');
  const combined = spec.log_file === true ? path.join(logsDir, `${base}${suffix}.log`) : withInstance(spec.log_file, suffix);
  return {
    out: withInstance(spec.out_file, suffix) ?? path.join(logsDir, `${base}-out${suffix}.log`),
    err: withInstance(spec.error_file, suffix) ?? path.join(logsDir, `${base}-err${suffix}.log`),
    ...(combined === undefined ? {} : { combined }),
  };
}

// A user-chosen file is shared by all instances when merge_logs is on, else (several instances) gets the instance number.
function withInstance(file: string | undefined, suffix: string): string | undefined {
  if (file === undefined || file === DISCARD || suffix === '') return file;
  const extension = path.extname(file);
  return `${file.slice(0, file.length - extension.length)}${suffix}${extension}`;
}

export interface OutputContext {
  logs: LogService;
  /** The app's current spec (it changes with restart --update-env, scale...). */
  spec: () => AppSpec;
}

interface Files {
  out: LogFile | null;
  err: LogFile | null;
  combined: LogFile | null;
}

/** How long a released output waits for its children's pipes to deliver their last lines. */
const DRAIN_ON_CLOSE_MS = 2000;

export class OutputFiles implements LineOwner {
  #files: Files | null = null;
  readonly #captures = new Set<LineCapture>();
  #closed = false;
  #format: { spec: AppSpec; format: LineFormat } | null = null;

  constructor(
    private readonly paths: LogPaths,
    private readonly context: OutputContext,
  ) {}

  /** At each spawn: fresh captures for the new child's pipes. */
  open(instance: number): OutputStreams {
    const capture = (stream: CapturedStream): LineCapture => {
      const writer = new LineCapture(this, instance, stream);
      this.#captures.add(writer);
      return writer;
    };
    return { stdout: capture('out'), stderr: capture('err') };
  }

  lines(from: LineCapture, lines: Buffer, at: number, done: () => void): void {
    const files = this.#openFiles();
    this.#deliver([from.stream === 'out' ? files.out : files.err, files.combined], from.instance, from.stream, lines, at, done);
  }

  finished(from: LineCapture): void {
    this.#captures.delete(from);
  }

  /** The worst condition of this output's files, and the lines they dropped (list/describe). */
  logState(): LogState {
    // Read for every row of every apps.list: no arrays or state objects unless a file is failing.
    let failing: LogFile | undefined;
    let dropped = 0;
    for (const file of this.#files === null ? [] : [this.#files.out, this.#files.err, this.#files.combined]) {
      if (file === null) continue;
      dropped += file.droppedLines;
      if (failing === undefined && file.failing) failing = file;
    }
    return failing === undefined ? { status: 'ok', dropped_lines: dropped } : { ...failing.state, dropped_lines: dropped };
  }

  /** The app's spec changed in place: its open files take its rotation settings and log_full_policy. */
  reconfigure(): void {
    if (this.#files === null) return;
    const spec = this.context.spec();
    const { out, err, combined } = this.#files;
    for (const file of [out, err, combined]) file?.configure(this.context.logs.rotationFor(spec), spec.log_full_policy);
  }

  /** Releases the files once the children's pipes have delivered their last lines (bounded wait); resolves then. */
  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    const release = async () => {
      const deadline = Date.now() + DRAIN_ON_CLOSE_MS;
      while (this.#captures.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      for (const capture of this.#captures) capture.destroy();
      this.#captures.clear();
      // Taken after the drain: the last lines may have been the first, and opened the files.
      const files = this.#files;
      this.#files = null;
      if (files !== null) for (const file of [files.out, files.err, files.combined]) if (file !== null) await this.context.logs.releaseFile(file);
    };
    return this.context.logs.track(release());
  }

  #openFiles(): Files {
    if (this.#files === null) {
      const spec = this.context.spec();
      const open = (file: string | undefined) => (file === undefined || file === DISCARD ? null : this.context.logs.acquireFile(file, spec));
      this.#files = { out: open(this.paths.out), err: open(this.paths.err), combined: open(this.paths.combined) };
    }
    return this.#files;
  }

  #deliver(targets: Array<LogFile | null>, instance: number, stream: CapturedStream, lines: Buffer, at: number, done: () => void): void {
    const spec = this.context.spec();
    const live = targets.filter((file): file is LogFile => file !== null && !file.writableEnded);
    if (live.length === 0) {
      this.context.logs.captured(spec.name, instance, stream, lines, at);
      done();
      return;
    }
    if (this.#format?.spec !== spec) this.#format = { spec, format: lineFormatFor(spec) };
    const data = this.#format.format(lines, at, instance, stream);
    const budget = this.context.logs.writeBudget;
    budget.take(data.length * live.length);
    let unwritten = live.length;
    let full = 0;
    const written = () => {
      budget.give(data.length);
      if (--unwritten === 0) this.context.logs.captured(spec.name, instance, stream, lines, at);
    };
    for (const file of live) {
      if (file.write(data, written)) continue;
      full++;
      file.once('drain', () => {
        if (--full === 0) budget.whenBelow(done);
      });
    }
    if (full === 0) budget.whenBelow(done);
  }
}
