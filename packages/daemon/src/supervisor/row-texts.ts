// apps.list's rows as JSON text, each kept until its row changes. Under a busy socket the daemon otherwise
// serializes the same rows again for every request (bench/rpc-load.mjs: the largest piece of a list, and
// most of its garbage). The row is still built each time and compared, value by value, with the one its
// text was made from, so any change (a transition, a sample, a log file's state, a renamed namespace) is
// in the very next list; only uptime_ms, which changes every millisecond, is written into the kept text.
import type { InstanceRow } from '@svctl/protocol';

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
    if (kept === undefined || !sameJson(kept.row, row, 'uptime_ms')) {
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

/** Equal as JSON values, member order aside; `skip` is a member of `a` and `b` left out. */
function sameJson(a: unknown, b: unknown, skip?: string): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let members = 0;
  for (const key in left) {
    if (left[key] === undefined || key === skip) continue;
    if (!sameJson(left[key], right[key])) return false;
    members++;
  }
  for (const key in right) if (right[key] !== undefined && key !== skip) members--;
  return members === 0;
}
