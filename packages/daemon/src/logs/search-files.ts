// logs.search on the daemon's side: an app's log files (current and rotated, each stream of each
// instance), newest lines first, block by block in turn across the files so each gets its share of the
// bounds. Stops at the first bound reached: matches, bytes read, time, or the size of the answer.
// Loaded with import() on the first search only (its own bundle entry: re2js stays out of the idle daemon).
import { LOGS_SEARCH_LIMITS, type LogEntry, type ResultOf, type LogsSearch } from '@svctl/protocol';
import { BackwardLines } from './backward-lines.js';
import { mergeByTime } from './merge-by-time.js';
import type { LineTest } from './search-pattern.js';

export { compileSearch } from './search-pattern.js';

/** One stream of one instance: its current file, then its rotated ones (newest first). */
export interface SearchedFile {
  files: string[];
  /** A line as read from the file → the entry it shows as (its capture time when the format has it). */
  toEntry(line: string): LogEntry;
}

export interface SearchBounds {
  maxMatches: number;
  maxBytes: number;
  timeLimitMs: number;
}

type SearchResult = ResultOf<typeof LogsSearch>;
type StoppedBy = SearchResult['stopped_by'];

export async function searchLogFiles(sources: readonly SearchedFile[], test: LineTest, query: SearchBounds, now: () => number = Date.now): Promise<SearchResult> {
  const deadline = now() + query.timeLimitMs;
  const readers = sources.map((source) => ({ source, lines: new BackwardLines(source.files), found: [] as LogEntry[], done: false }));
  let matches = 0;
  let chars = 0;
  let bytes = 0;
  let stoppedBy: StoppedBy = null;
  try {
    while (stoppedBy === null && readers.some((reader) => !reader.done)) {
      for (const reader of readers) {
        if (reader.done || stoppedBy !== null) continue;
        const block = await reader.lines.next();
        if (block === null) {
          reader.done = true;
          continue;
        }
        bytes += block.bytes;
        for (const line of block.lines) {
          const entry = reader.source.toEntry(line);
          if (!test(entry.msg)) continue;
          const shown = cut(entry);
          reader.found.push(shown);
          matches++;
          chars += shown.msg.length;
          if (matches >= query.maxMatches) stoppedBy = 'max_matches';
          else if (chars >= LOGS_SEARCH_LIMITS.resultChars) stoppedBy = 'result_size';
          if (stoppedBy !== null) break;
        }
        stoppedBy ??= bytes >= query.maxBytes ? 'max_bytes' : now() >= deadline ? 'time_limit' : null;
      }
    }
  } finally {
    await Promise.all(readers.map((reader) => reader.lines.close()));
  }
  return {
    matches: mergeByTime(readers.map((reader) => reader.found.reverse())),
    stopped_by: stoppedBy,
    bytes_scanned: bytes,
    files: readers.flatMap((reader) => reader.lines.opened),
  };
}

function cut(entry: LogEntry): LogEntry {
  const max = LOGS_SEARCH_LIMITS.lineChars;
  return entry.msg.length > max ? { ...entry, msg: `${entry.msg.slice(0, max)}… [${entry.msg.length - max} more characters]` } : entry;
}
