// `svctl list` as a table sorted by id that fits 80 columns; a long name widens its column up to the
// terminal's width (piped output: as far as it needs) and wraps onto more lines past that.
import type { InstanceRow } from '@svctl/protocol';
import { formatLogState, logStateNeedsNotice } from './log-state.js';
import { colorStatus } from './colors.js';
import { formatDuration } from './duration.js';
import { formatBytes } from './size.js';

interface Column {
  title: string;
  width: number;
  align: 'left' | 'right';
  value: (row: InstanceRow) => string;
}

const NAME_WIDTH = 14;

const COLUMNS: Column[] = [
  { title: 'id', width: 3, align: 'right', value: (row) => String(row.id) },
  { title: 'name', width: NAME_WIDTH, align: 'left', value: (row) => row.app },
  { title: 'ns', width: 7, align: 'left', value: (row) => row.namespace },
  { title: '#', width: 2, align: 'right', value: (row) => String(row.instance) },
  { title: 'pid', width: 7, align: 'right', value: (row) => (row.pid === null ? '-' : String(row.pid)) },
  { title: 'status', width: 8, align: 'left', value: (row) => row.status },
  { title: '↺', width: 3, align: 'right', value: (row) => String(row.restarts) },
  { title: 'uptime', width: 6, align: 'right', value: (row) => (row.pid === null ? '-' : formatDuration(row.uptime_ms)) },
  { title: 'cpu', width: 5, align: 'right', value: (row) => (row.cpu === null ? '' : `${Math.round(row.cpu)}%`) },
  { title: 'mem', width: 6, align: 'right', value: (row) => (row.memory === null ? '' : formatBytes(row.memory)) },
  { title: 'health', width: 9, align: 'left', value: (row) => row.health ?? '-' },
];

function fit(text: string, column: Column): string {
  const clipped = text.length > column.width ? `${text.slice(0, column.width - 1)}…` : text;
  return column.align === 'right' ? clipped.padStart(column.width) : clipped.padEnd(column.width);
}

/** Rows by app id, then instance number. */
export function sortRows(rows: readonly InstanceRow[]): InstanceRow[] {
  return [...rows].sort((a, b) => a.id - b.id || a.instance - b.instance);
}

/** `width`: the terminal's columns; names are never clipped, only wrapped past it. */
export function renderInstanceTable(rows: InstanceRow[], color: boolean, width = process.stdout.isTTY ? process.stdout.columns : Infinity): string {
  if (rows.length === 0) return 'no apps (start one with: svctl start <app file>)';
  const others = COLUMNS.reduce((sum, column) => sum + column.width + 1, -1) - NAME_WIDTH;
  const longest = Math.max(...rows.map((row) => row.app.length));
  const nameWidth = Math.max(NAME_WIDTH, Math.min(longest, width - others - 1));
  const columns = COLUMNS.map((column) => (column.title === 'name' ? { ...column, width: nameWidth } : column));
  const header = columns.map((column) => fit(column.title, column)).join(' ');
  const lines = sortRows(rows).flatMap((row) => {
    const [first = '', ...rest] = chunks(row.app, nameWidth);
    const line = columns.map((column) => {
      const cell = fit(column.title === 'name' ? first : column.value(row), column);
      return column.title === 'status' ? colorStatus(row.status, cell, color) : cell;
    }).join(' ').trimEnd();
    // The rest of a name too long for the terminal, under its start.
    const indent = ' '.repeat((columns[0]?.width ?? 0) + 1);
    return [line, ...rest.map((part) => `${indent}${part}`)];
  });
  // Log trouble goes under the table, which has no column to spare.
  const notices = rows.flatMap((row) => (logStateNeedsNotice(row.log_state) ? [`${row.app}[${row.instance}] logs ${formatLogState(row.log_state)}`] : []));
  return [header.trimEnd(), ...lines, ...notices].join('\n');
}

function chunks(text: string, size: number): string[] {
  const parts: string[] = [];
  for (let start = 0; start < text.length; start += size) parts.push(text.slice(start, start + size));
  return parts.length === 0 ? [''] : parts;
}
