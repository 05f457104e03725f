// `svctl list` as a table that fits 80 columns.
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

const COLUMNS: Column[] = [
  { title: 'id', width: 3, align: 'right', value: (row) => String(row.id) },
  { title: 'name', width: 14, align: 'left', value: (row) => row.app },
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

export function renderInstanceTable(rows: InstanceRow[], color: boolean): string {
  if (rows.length === 0) return 'no apps (start one with: svctl start <app file>)';
  const header = COLUMNS.map((column) => fit(column.title, column)).join(' ');
  const lines = rows.map((row) =>
    COLUMNS.map((column) => {
      const cell = fit(column.value(row), column);
      return column.title === 'status' ? colorStatus(row.status, cell, color) : cell;
    }).join(' ').trimEnd(),
  );
  // Log trouble goes under the table, which has no column to spare.
  const notices = rows.flatMap((row) => (logStateNeedsNotice(row.log_state) ? [`${row.app}[${row.instance}] logs ${formatLogState(row.log_state)}`] : []));
  return [header.trimEnd(), ...lines, ...notices].join('\n');
}
