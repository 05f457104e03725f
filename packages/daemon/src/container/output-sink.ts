// svctl-runtime's output: every captured line of every app on the runtime's own stdout (the apps' stdout) or
// stderr (their stderr and svctl's restart/exit markers), prefixed `app | line`, or as JSON lines with --json.
import type { LogEntry } from '@svctl/protocol';
import type { TailSink } from '../logs/log-service.js';

export type OutputFormat = 'prefixed' | 'json';

interface Writable {
  write(text: string): unknown;
}

/** A follower of every app (LogService.startTail), in the runtime's process: it never falls behind a socket. */
export class OutputSink implements TailSink {
  #ended = false;
  readonly #onEnd: Array<() => void> = [];

  constructor(
    private readonly format: OutputFormat,
    private readonly out: Writable,
    private readonly err: Writable,
  ) {}

  send(item: unknown): boolean {
    if (this.#ended) return false;
    for (const entry of (item as { entries: LogEntry[] }).entries) (entry.stream === 'out' ? this.out : this.err).write(formatEntry(entry, this.format));
    return true;
  }

  /** A line of the runtime's own (starting, stopping, exit code), on stderr. */
  say(line: string): void {
    this.err.write(this.format === 'json' ? `${JSON.stringify({ app: null, instance: null, stream: 'svctl', time: new Date().toISOString(), line })}\n` : `svctl-runtime: ${line}\n`);
  }

  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    for (const listener of this.#onEnd.splice(0)) listener();
  }

  onEnd(listener: () => void): void {
    this.#onEnd.push(listener);
  }
}

export function formatEntry(entry: LogEntry, format: OutputFormat): string {
  if (format === 'json') return `${JSON.stringify({ app: entry.app, instance: entry.instance, stream: entry.stream, time: entry.at, line: entry.msg })}\n`;
  return `${entry.app} | ${entry.stream === 'svctl' ? 'svctl: ' : ''}${entry.msg}\n`;
}
