// apps.list's rows as JSON text, each kept until its row changes. Under a busy socket the daemon otherwise
// serializes the same rows again for every request (bench/rpc-load.mjs: the largest piece of a list, and
// most of its garbage). The row is still built each time and compared, value by value, with the one its
// text was made from, so any change (a transition, a sample, a log file's state, a renamed namespace) is
// in the very next list; only uptime_ms, which changes every millisecond, is written into the kept text.
import type { InstanceRow, LogState } from '@svctl/protocol';

const UPTIME_MEMBER = ',"uptime_ms":';

interface RowText {
  row: InstanceRow;
  /** The row's JSON up to uptime_ms's value, and from just after it. */
  head: string;
  tail: string;
}

export class RowTexts<Key extends object> {
  readonly #texts = new WeakMap<Key, RowText>();

  /** The JSON text of `row`, the current row of `key` (an instance). */
  text(key: Key, row: InstanceRow): string {
    let kept = this.#texts.get(key);
    if (kept === undefined || !sameBesidesUptime(kept.row, row)) {
      kept = split(row);
      this.#texts.set(key, kept);
    }
    return `${kept.head}${row.uptime_ms}${kept.tail}`;
  }
}

function split(row: InstanceRow): RowText {
  const json = JSON.stringify(row);
  // Only a member name can hold `,"` unescaped: inside a string value the quote would read `\"`.
  const start = json.indexOf(UPTIME_MEMBER) + UPTIME_MEMBER.length;
  const end = start + JSON.stringify(row.uptime_ms).length;
  return { row, head: json.slice(0, start), tail: json.slice(end) };
}

// The members compared below. A member added to InstanceRow (or LogState) and not listed turns the type
// into `never`, and the comparison stops compiling until it compares that member too.
type Compared = 'id' | 'app' | 'namespace' | 'instance' | 'pid' | 'status' | 'restarts' | 'unstable_restarts' | 'started_at' | 'exit_code' | 'signal' | 'reason' | 'detail' | 'cpu' | 'memory' | 'health' | 'log_state' | 'uptime_ms';
type ComparedRow = Exclude<keyof InstanceRow, Compared> extends never ? InstanceRow : never;
type ComparedLogState = Exclude<keyof LogState, 'status' | 'error' | 'dropped_lines'> extends never ? LogState : never;

/** Equal besides uptime_ms, member by member: named reads, not a generic walk (a list compares every row). */
function sameBesidesUptime(a: ComparedRow, b: ComparedRow): boolean {
  return (
    a.id === b.id &&
    a.app === b.app &&
    a.namespace === b.namespace &&
    a.instance === b.instance &&
    a.pid === b.pid &&
    a.status === b.status &&
    a.restarts === b.restarts &&
    a.unstable_restarts === b.unstable_restarts &&
    a.started_at === b.started_at &&
    a.exit_code === b.exit_code &&
    a.signal === b.signal &&
    a.reason === b.reason &&
    a.detail === b.detail &&
    a.cpu === b.cpu &&
    a.memory === b.memory &&
    a.health === b.health &&
    sameLogState(a.log_state, b.log_state)
  );
}

function sameLogState(a: ComparedLogState | undefined, b: ComparedLogState | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.status === b.status && a.error === b.error && a.dropped_lines === b.dropped_lines;
}
