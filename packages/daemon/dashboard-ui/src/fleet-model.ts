// The fleet as the page holds it: one row per instance, keyed by app and instance. Pure functions:
// a change replaces only the rows it touches (the others keep their identity, so their table rows
// are not rendered again), and the view (filter, sort, namespace groups) is derived from it.
import type { EventItem, InstanceRow, Status } from '@svctl/protocol';

export type Fleet = ReadonlyMap<string, InstanceRow>;

export type StatusFilter = 'all' | Status;
export type SortKey = 'app' | 'status' | 'restarts' | 'uptime_ms' | 'cpu' | 'memory';

export interface FleetView {
  text: string;
  status: StatusFilter;
  sort: SortKey;
  descending: boolean;
}

export interface NamespaceGroup {
  namespace: string;
  rows: InstanceRow[];
}

export function rowKey(row: { app: string; instance: number }): string {
  return `${row.app}\u0000${row.instance}`;
}

/** The fleet after a full list: rows that did not change keep their identity. */
export function applyList(fleet: Fleet, rows: readonly InstanceRow[]): Fleet {
  const next = new Map<string, InstanceRow>();
  for (const row of rows) {
    const key = rowKey(row);
    const old = fleet.get(key);
    next.set(key, old !== undefined && sameRow(old, row) ? old : row);
  }
  return next;
}

/** The fleet after one event: a transition or snapshot item updates its instance's status at once. */
export function applyEvent(fleet: Fleet, item: EventItem): Fleet {
  if (item.type === 'live') return fleet;
  const key = rowKey(item);
  const old = fleet.get(key);
  if (old === undefined) return fleet;
  const status = item.type === 'state' ? item.status : item.to;
  const updated: InstanceRow = { ...old, status, reason: item.reason ?? old.reason, detail: item.detail, ...(item.type === 'state' ? { pid: item.pid } : {}) };
  if (sameRow(old, updated)) return fleet;
  const next = new Map(fleet);
  next.set(key, updated);
  return next;
}

/** The order of `localeCompare`, made once: sorting 500 rows compares thousands of names. */
const collator = new Intl.Collator();

/** The rows the view shows, grouped by namespace (groups in name order), filtered and sorted. */
export function visibleGroups(fleet: Fleet, view: FleetView): NamespaceGroup[] {
  const text = view.text.trim().toLowerCase();
  const rows = [...fleet.values()].filter(
    (row) => (view.status === 'all' || row.status === view.status) && (text === '' || `${row.app} ${row.namespace} ${row.status} ${row.pid ?? ''}`.toLowerCase().includes(text)),
  );
  const direction = view.descending ? -1 : 1;
  rows.sort((a, b) => direction * compare(a, b, view.sort) || collator.compare(a.app, b.app) || a.instance - b.instance);
  const groups = new Map<string, InstanceRow[]>();
  for (const row of rows) {
    const group = groups.get(row.namespace);
    if (group === undefined) groups.set(row.namespace, [row]);
    else group.push(row);
  }
  return [...groups.entries()].sort(([a], [b]) => collator.compare(a, b)).map(([namespace, grouped]) => ({ namespace, rows: grouped }));
}

function compare(a: InstanceRow, b: InstanceRow, key: SortKey): number {
  const left = a[key];
  const right = b[key];
  if (typeof left === 'string' || typeof right === 'string') return collator.compare(String(left), String(right));
  return (left ?? -1) - (right ?? -1);
}

const SHOWN_FIELDS = ['status', 'pid', 'restarts', 'uptime_ms', 'cpu', 'memory', 'health', 'reason', 'detail'] as const;

function sameRow(a: InstanceRow, b: InstanceRow): boolean {
  return SHOWN_FIELDS.every((field) => a[field] === b[field]) && a.namespace === b.namespace;
}
