// Log entries of several sources (streams, instances) in one list by capture time, each source's own
// order kept; entries without a time (read back from a raw file) keep their place in their source.
import type { LogEntry } from '@svctl/protocol';

export function mergeByTime(lists: LogEntry[][]): LogEntry[] {
  const nonEmpty = lists.filter((list) => list.length > 0);
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? [];
  const all = nonEmpty.flatMap((list, listIndex) => list.map((entry, index) => ({ entry, listIndex, index })));
  all.sort((a, b) => (a.entry.at ?? '').localeCompare(b.entry.at ?? '') || a.listIndex - b.listIndex || a.index - b.index);
  return all.map(({ entry }) => entry);
}
