// The daemon's log hub: shared log files by path, one ring of recent lines for all apps (log_ring_size),
// followers (streams to clients), reading back from files, flush/reopen, and reporting of write
// failures (daemon log + `svctl` entries to followers + listeners such as alerts).
import fs from 'node:fs';
import path from 'node:path';
import { SvctlError, type AppSpec, type LogEntry, type ReasonCode, type TransitionEvent } from '@svctl/protocol';
import type { Logger } from 'pino';
import { PRIVATE_FILE, type FileAccess } from './append-file.js';
import { parseStoredLine } from './line-format.js';
import { LogFile, removeLogFiles, type FileReporter, type RotationPolicy } from './log-file.js';
import { mergeByTime } from './merge-by-time.js';
import { MemoryGuard } from './memory-guard.js';
import { WriteBudget } from './write-budget.js';
import { DISCARD, type LogPaths } from './output-files.js';
import { tailLogLines } from './read-back.js';
import { LogRing, splitLines, type CapturedStream } from './ring.js';

/** Reasons of a start that replaces a run: its marker says `restarting`. */
const RESTART_REASONS: ReadonlySet<ReasonCode> = new Set(['restart_due', 'user_restart', 'reload', 'watch', 'cron']);

export type StreamChoice = 'out' | 'err' | 'all';

/** What reading needs to know of an app: its spec and the files of each instance. */
/** Where a tail sends its entries (an RPC stream), declared by what a tail needs of it. */
export interface TailSink {
  /** Sends one item; false when the stream has ended. */
  send(item: unknown): boolean;
  end(reason?: SvctlError): void;
  onEnd(listener: () => void): void;
}

export interface AppLogView {
  name: string;
  spec: AppSpec;
  files: Array<{ instance: number; paths: LogPaths }>;
}

export interface LogWriteFailure {
  event: 'log_write_failed' | 'log_write_resumed' | 'log_file_missing' | 'log_lines_dropped';
  at: string;
  app: string;
  file: string;
  error?: string;
  code?: string;
  down_ms?: number;
  /** log_lines_dropped: whole lines not written since the last report. */
  lines?: number;
}

interface Follower {
  sink: TailSink;
  apps: ReadonlySet<string> | null;
  wanted: (stream: CapturedStream) => boolean;
}

interface SharedFile {
  file: LogFile;
  users: number;
  apps: Set<string>;
}

/** A backlog is sent at once; keep it well under the connection's 8 MiB output limit and 1 MiB frames. */
const BACKLOG_BUDGET_BYTES = 4 * 1024 * 1024;
const ENTRY_OVERHEAD_BYTES = 80;
const ITEM_BYTES = 256 * 1024;
const MAX_MSG_CHARS = 200_000;

export class LogService {
  readonly #files = new Map<string, SharedFile>();
  readonly #ring: LogRing;
  readonly #followers = new Set<Follower>();
  readonly #pending = new Set<Promise<void>>();
  readonly #failureListeners = new Set<(failure: LogWriteFailure) => void>();
  readonly #memory = new MemoryGuard();
  /** Log bytes in flight across every file (see write-budget.ts). */
  readonly writeBudget = new WriteBudget();

  constructor(
    private readonly defaults: RotationPolicy,
    private readonly logger: Logger,
    ringBytes: number,
    /** SVCTL_HOME: files under it stay owner-only and are never opened through a symlink. */
    private readonly privateDir: string | null = null,
  ) {
    this.#ring = new LogRing(ringBytes);
  }

  rotationFor(spec: AppSpec): RotationPolicy {
    return {
      maxSize: spec.log_max_size ?? this.defaults.maxSize,
      maxFiles: spec.log_max_files ?? this.defaults.maxFiles,
      maxAgeMs: spec.log_max_age ?? this.defaults.maxAgeMs,
      compress: spec.log_compress ?? this.defaults.compress,
    };
  }

  /** Log write failures and recoveries, as structured events (alerts subscribe here). */
  onWriteFailure(listener: (failure: LogWriteFailure) => void): () => void {
    this.#failureListeners.add(listener);
    return () => this.#failureListeners.delete(listener);
  }

  /** Files under SVCTL_HOME are private; a file the app declares elsewhere gets its log_file_mode (the CLI's umask) and may be a symlink. */
  accessFor(file: string, spec: AppSpec): FileAccess {
    const relative = this.privateDir === null ? '..' : path.relative(this.privateDir, file);
    const underHome = relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
    return underHome ? PRIVATE_FILE : { mode: spec.log_file_mode ?? PRIVATE_FILE.mode, noFollow: false };
  }

  acquireFile(path: string, spec: AppSpec): LogFile {
    let shared = this.#files.get(path);
    if (shared === undefined || shared.file.writableEnded) {
      const file = new LogFile(path, this.rotationFor(spec), this.#reporterFor(path), spec.log_full_policy, this.accessFor(path, spec));
      file.setMaxListeners(0);
      shared = { file, users: 0, apps: new Set() };
      this.#files.set(path, shared);
    }
    shared.users++;
    shared.apps.add(spec.name);
    return shared.file;
  }

  async releaseFile(file: LogFile): Promise<void> {
    const shared = this.#files.get(file.file);
    if (shared === undefined || shared.file !== file) {
      await file.close();
      return;
    }
    if (--shared.users > 0) return;
    this.#files.delete(file.file);
    await file.close();
  }

  /** Keeps background work (closing files) so shutdown can wait for it; the returned promise never rejects. */
  track(work: Promise<void>): Promise<void> {
    const tracked = work.catch((error: unknown) => this.logger.error({ err: error }, 'closing log files failed'));
    this.#pending.add(tracked);
    void tracked.finally(() => this.#pending.delete(tracked));
    return tracked;
  }

  /** A chunk of whole lines is on disk (or discarded by /dev/null): ring, then followers. */
  captured(app: string, instance: number, stream: CapturedStream, lines: Buffer, at: number): void {
    this.#memory.add(lines.length);
    this.#ring.push(app, at, instance, stream, lines);
    if (this.#followers.size === 0) return;
    let entries: LogEntry[] | undefined;
    for (const follower of this.#followers) {
      if (!follower.wanted(stream) || (follower.apps !== null && !follower.apps.has(app))) continue;
      const time = new Date(at).toISOString();
      entries ??= splitLines(lines).map((msg) => ({ at: time, app, instance, stream, msg: clip(msg) }));
      this.#send(follower, entries);
    }
  }

  /** Lifecycle transitions that matter to someone following: starts, restarts, exits. */
  transition(event: TransitionEvent): void {
    if (!['starting', 'stopped', 'errored', 'waiting'].includes(event.to)) return;
    const verb = event.to === 'starting' ? (RESTART_REASONS.has(event.reason) ? 'restarting' : 'starting') : event.to;
    this.#notice(event.app, event.instance, `${verb} (${event.from} -> ${event.to}: ${event.reason}${event.detail === '' ? '' : `, ${event.detail}`})`);
  }

  /** Sends the backlog, then (follow) registers for live lines; call after the subscription's answer is out. */
  startTail(sink: TailSink, apps: AppLogView[] | null, allApps: AppLogView[], stream: StreamChoice, lines: number, follow: boolean): void {
    const wanted = (candidate: CapturedStream) => stream === 'all' || stream === candidate;
    const backlog = this.backlog(apps ?? allApps, wanted, lines);
    for (const item of chunkEntries(backlog)) if (!sink.send({ entries: item })) return;
    if (!follow) {
      sink.end();
      return;
    }
    const follower: Follower = { sink, apps: apps === null ? null : new Set(apps.map((app) => app.name)), wanted };
    this.#followers.add(follower);
    sink.onEnd(() => this.#followers.delete(follower));
  }

  /** The last `count` lines of each selected stream of each app, interleaved by capture time. */
  backlog(apps: AppLogView[], wanted: (stream: CapturedStream) => boolean, count: number): LogEntry[] {
    if (count === 0) return [];
    const lists: LogEntry[][] = [];
    const cut: LogEntry[] = [];
    let budget = BACKLOG_BUDGET_BYTES;
    for (const app of apps) {
      for (const stream of ['out', 'err'] as const) {
        if (!wanted(stream)) continue;
        const fromRing = this.#ring.last(app.name, count, (candidate) => candidate === stream);
        let entries: LogEntry[] = fromRing.map((line) => ({ at: new Date(line.at).toISOString(), app: app.name, instance: line.instance, stream, msg: line.msg }));
        if (entries.length < count) {
          const fromFiles = this.#fromFiles(app, stream, count, budget);
          if (fromFiles.length > entries.length) entries = fromFiles;
        }
        const kept = withinBudget(entries, budget);
        if (kept.length < entries.length) cut.push(cutNotice(app.name, stream, kept.length, entries.length));
        for (const entry of kept) budget -= entry.msg.length + ENTRY_OVERHEAD_BYTES;
        lists.push(kept);
      }
    }
    // Said, not silent: the reader learns that older lines were left out and where to find them.
    return [...cut, ...mergeByTime(lists)];
  }

  /** The last `count` stderr lines one instance wrote at or after `since` (epoch ms), oldest first. */
  recentErrors(app: string, instance: number, count: number, since: number): string[] {
    return this.#ring.last(app, count, (stream, from, at) => stream === 'err' && from === instance && at >= since).map((line) => line.msg);
  }

  /** Empties the files of these apps (open ones between two writes) and their rings. */
  async flush(apps: AppLogView[]): Promise<string[]> {
    const emptied: string[] = [];
    for (const app of apps) {
      this.#ring.forget(app.name);
      const policy = this.rotationFor(app.spec);
      const paths = new Set(app.files.flatMap(({ paths }) => [paths.out, paths.err, paths.combined]).filter((file): file is string => file !== undefined && file !== DISCARD));
      for (const file of paths) {
        const shared = this.#files.get(file);
        if (shared !== undefined) await shared.file.flush();
        else await removeLogFiles(file, policy.maxFiles, true);
        emptied.push(file);
      }
    }
    return emptied;
  }

  /** Closes every open file; the next write reopens the path (for an external logrotate). */
  async reopen(): Promise<string[]> {
    const files = [...this.#files.values()];
    await Promise.all(files.map((shared) => shared.file.reopen()));
    return files.map((shared) => shared.file.file);
  }

  /** Forgets an app's lines in the ring once the app is gone, and gives its memory back once the daemon is quiet. */
  forget(app: string): void {
    this.#ring.forget(app);
    this.#memory.settle();
  }

  /** What the ring holds (for tests). */
  ringStats(): { apps: number; chunks: number; bytes: number } {
    return this.#ring.stats();
  }

  /** At shutdown: everything buffered written, files closed, then followers ended (they get the last lines the pipes delivered). */
  async close(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
    for (const follower of this.#followers) follower.sink.end(new SvctlError('SHUTTING_DOWN', 'the daemon is stopping'));
    this.#followers.clear();
    await Promise.all([...this.#files.values()].map((shared) => shared.file.close()));
    this.#files.clear();
  }

  #fromFiles(app: AppLogView, stream: CapturedStream, count: number, budget: number): LogEntry[] {
    const seen = new Set<string>();
    const lists: LogEntry[][] = [];
    const policy = this.rotationFor(app.spec);
    for (const { instance, paths } of app.files) {
      const file = stream === 'out' ? paths.out : paths.err;
      if (file === DISCARD || seen.has(file)) continue;
      seen.add(file);
      const { lines } = tailLogLines(file, policy.maxFiles, count, budget);
      lists.push(
        lines.map((line) => {
          const parsed = parseStoredLine(app.spec, line);
          return { at: parsed.at, app: app.name, instance: parsed.instance ?? instance, stream, msg: clip(parsed.msg) };
        }),
      );
    }
    return mergeByTime(lists).slice(-count);
  }

  #send(follower: Follower, entries: LogEntry[]): void {
    for (const item of chunkEntries(entries)) {
      if (!follower.sink.send({ entries: item })) {
        // Cut off (too slow) or gone: the sink told the client why.
        this.#followers.delete(follower);
        return;
      }
    }
  }

  #notice(app: string, instance: number, msg: string): void {
    const entry: LogEntry = { at: new Date().toISOString(), app, instance, stream: 'svctl', msg };
    for (const follower of this.#followers) if (follower.apps === null || follower.apps.has(app)) this.#send(follower, [entry]);
  }

  #reporterFor(file: string): FileReporter {
    const appsOf = () => [...(this.#files.get(file)?.apps ?? [])];
    const report = (failure: Omit<LogWriteFailure, 'at' | 'app'>, level: 'warn' | 'info', message: string) => {
      for (const app of appsOf().length > 0 ? appsOf() : ['?']) {
        const event: LogWriteFailure = { ...failure, at: new Date().toISOString(), app };
        this.logger[level](event, `${app}: ${message}`);
        for (const listener of this.#failureListeners) listener(event);
        if (app !== '?') this.#notice(app, 0, message);
      }
    };
    return {
      failed: (path, error) => {
        const code = (error as NodeJS.ErrnoException).code;
        report(
          { event: 'log_write_failed', file: path, error: error.message, ...(code === undefined ? {} : { code }) },
          'warn',
          `cannot write log file ${path} (${error.message}); holding the app's output and retrying every second`,
        );
      },
      recovered: (path, downMs) => report({ event: 'log_write_resumed', file: path, down_ms: downMs }, 'info', `writing log file ${path} again after ${downMs} ms`),
      missing: (path) => report({ event: 'log_file_missing', file: path }, 'warn', `log file ${path} was moved or removed; reopening it`),
      dropped: (path, lines) => report({ event: 'log_lines_dropped', file: path, lines }, 'warn', `${lines} line(s) for ${path} were dropped, not written`),
    };
  }
}

function clip(msg: string): string {
  return msg.length > MAX_MSG_CHARS ? `${msg.slice(0, MAX_MSG_CHARS)}… [${msg.length - MAX_MSG_CHARS} more characters]` : msg;
}

function cutNotice(app: string, stream: CapturedStream, kept: number, wanted: number): LogEntry {
  return {
    at: null,
    app,
    instance: 0,
    stream: 'svctl',
    msg: `${stream}: showing the newest ${kept} of ${wanted} lines (a backlog holds at most ${BACKLOG_BUDGET_BYTES / 1024 / 1024} MiB); the log files have the rest (svctl describe ${app})`,
  };
}

function withinBudget(entries: LogEntry[], budget: number): LogEntry[] {
  let used = 0;
  let start = entries.length;
  while (start > 0) {
    const cost = (entries[start - 1]?.msg.length ?? 0) + ENTRY_OVERHEAD_BYTES;
    if (used + cost > budget) break;
    used += cost;
    start--;
  }
  return start === 0 ? entries : entries.slice(start);
}

/** Stable merge by capture time; lines without one (read back from plain files) come first, in file order. */
/** Items of at most ~256 KiB each, so no frame nears the 1 MiB limit. */
function* chunkEntries(entries: LogEntry[]): Generator<LogEntry[]> {
  let start = 0;
  let bytes = 0;
  for (let index = 0; index < entries.length; index++) {
    bytes += (entries[index]?.msg.length ?? 0) + ENTRY_OVERHEAD_BYTES;
    if (bytes >= ITEM_BYTES) {
      yield entries.slice(start, index + 1);
      start = index + 1;
      bytes = 0;
    }
  }
  if (start < entries.length) yield entries.slice(start);
}

/** Bytes in a file now, or null when it does not exist (for describe). */
export function fileSize(file: string): number | null {
  if (file === DISCARD) return null;
  try {
    return fs.statSync(file).size;
  } catch {
    return null;
  }
}
