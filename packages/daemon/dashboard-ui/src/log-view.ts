// The app page's log lines: a bounded buffer of what logs.tail sent (backlog, then followed lines), and
// the search over it (plain text or a regular expression), pure.
import type { LogEntry } from '@svctl/protocol';

/** Lines the page keeps per app page (the daemon's backlog is capped at 4 MiB of text anyway). */
export const KEPT_LINES = 50_000;
/** Lines shown at once: the newest matching ones. */
export const SHOWN_LINES = 500;

export type StreamChoice = 'all' | 'out' | 'err';

export interface LogQuery {
  text: string;
  regex: boolean;
  stream: StreamChoice;
}

export function appendLines(kept: readonly LogEntry[], entries: readonly LogEntry[]): LogEntry[] {
  const next = [...kept, ...entries];
  return next.length > KEPT_LINES ? next.slice(next.length - KEPT_LINES) : next;
}

/** The matching lines (the newest SHOWN_LINES of them), or the reason the pattern is not a valid regular expression. */
export function searchLines(lines: readonly LogEntry[], query: LogQuery): { shown: LogEntry[]; matches: number } | { error: string } {
  let test: (msg: string) => boolean;
  if (query.text === '') test = () => true;
  else if (query.regex) {
    try {
      const pattern = new RegExp(query.text, 'i');
      test = (msg) => pattern.test(msg);
    } catch (error) {
      return { error: (error as Error).message };
    }
  } else {
    const needle = query.text.toLowerCase();
    test = (msg) => msg.toLowerCase().includes(needle);
  }
  const matching = lines.filter((line) => (query.stream === 'all' || line.stream === query.stream || line.stream === 'svctl') && test(line.msg));
  return { shown: matching.slice(-SHOWN_LINES), matches: matching.length };
}
