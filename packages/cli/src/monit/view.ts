// Pure rendering of the monit screen: the instance table with sparklines, and the log pane.
import type { InstanceRow, InstanceSeries } from '@svctl/protocol';
import { colorStatus } from '../render/colors.js';
import { formatDuration } from '../render/duration.js';
import { formatBytes } from '../render/size.js';
import { sparkline } from './sparkline.js';
import { ANSI } from './terminal.js';

export interface MonitState {
  rows: InstanceRow[];
  series: Map<string, InstanceSeries>;
  intervalMs: number | null;
  selected: number;
  logTitle: string;
  logLines: string[];
  error: string | null;
}

export const seriesKey = (name: string, instance: number): string => `${name}\u0000${instance}`;

/** The health column: the field the readiness work adds to list rows, '-' until then. */
export function healthOf(row: InstanceRow): string {
  const health = (row as { health?: unknown }).health;
  if (typeof health === 'string' && health !== '') return health;
  if (typeof health === 'object' && health !== null && typeof (health as { status?: unknown }).status === 'string') {
    return (health as { status: string }).status;
  }
  return '-';
}

function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const clipped = [...text].length > width ? `${[...text].slice(0, Math.max(0, width - 1)).join('')}…` : text;
  return align === 'right' ? clipped.padStart(width) : clipped.padEnd(width);
}

const FIXED = [
  { title: 'name', width: 18 },
  { title: 'inst', width: 4 },
  { title: 'status', width: 8 },
  { title: 'health', width: 9 },
  { title: '↺', width: 4 },
  { title: 'uptime', width: 6 },
] as const;

/** The table lines (header first); `color` adds status colours and the selection bar. */
export function renderTable(state: MonitState, columns: number, color: boolean): string[] {
  const fixedWidth = FIXED.reduce((sum, column) => sum + column.width + 1, 0) + 2 * (6 + 1 + 1);
  const sparkWidth = Math.max(0, Math.min(20, Math.floor((columns - fixedWidth) / 2)));
  const header = [
    ...FIXED.map((column) => fit(column.title, column.width, column.title === 'name' || column.title === 'status' || column.title === 'health' ? 'left' : 'right')),
    fit('cpu', 6 + (sparkWidth > 0 ? sparkWidth + 1 : 0)),
    fit('mem', 6 + (sparkWidth > 0 ? sparkWidth + 1 : 0)),
  ].join(' ');
  const lines = [clip(header, columns)];
  // Memory bars share one scale (the largest tree), so rows compare at a glance.
  let memoryCeiling = 0;
  for (const series of state.series.values()) for (const value of series.memory) memoryCeiling = Math.max(memoryCeiling, value);
  state.rows.forEach((row, index) => {
    const series = state.series.get(seriesKey(row.app, row.instance));
    const running = row.pid !== null;
    const cpuText = running && row.cpu !== null ? `${row.cpu.toFixed(row.cpu < 10 ? 1 : 0)}%` : '-';
    const memText = running && row.memory !== null ? formatBytes(row.memory) : '-';
    const cpuSpark = sparkWidth > 0 ? ` ${sparkline(series?.cpu ?? [], sparkWidth, 100)}` : '';
    const memSpark = sparkWidth > 0 ? ` ${sparkline(series?.memory ?? [], sparkWidth, memoryCeiling)}` : '';
    const cells = [
      fit(row.app, 18),
      fit(String(row.instance), 4, 'right'),
      fit(row.status, 8),
      fit(healthOf(row), 9),
      fit(String(row.restarts), 4, 'right'),
      fit(running ? formatDuration(row.uptime_ms) : '-', 6, 'right'),
      `${fit(cpuText, 6, 'right')}${cpuSpark}`,
      `${fit(memText, 6, 'right')}${memSpark}`,
    ];
    let line = clip(cells.join(' '), columns);
    if (color) {
      line = line.replace(fit(row.status, 8), colorStatus(row.status, fit(row.status, 8), true) + (index === state.selected ? ANSI.inverse : ''));
      if (index === state.selected) line = `${ANSI.inverse}${line}${ANSI.reset}`;
    } else if (index === state.selected) {
      line = `>${line.slice(1)}`;
    }
    lines.push(line);
  });
  if (state.rows.length === 0) lines.push('no apps (start one with: svctl start <app file>)');
  return lines;
}

/** The whole screen: title, table (scrolled to keep the selection visible), log pane. */
export function renderScreen(state: MonitState, columns: number, height: number, color: boolean): string[] {
  const interval = state.intervalMs === null ? '' : `, sampled every ${state.intervalMs >= 1000 ? `${state.intervalMs / 1000}s` : `${state.intervalMs}ms`}`;
  const title = clip(`svctl monit: ${state.rows.length} instance(s)${interval}   ↑/↓ select  q quit`, columns);
  const table = renderTable(state, columns, color);
  const [header = '', ...body] = table;
  const tableRoom = Math.max(3, Math.min(body.length, Math.floor((height - 2) * 0.6)));
  const first = Math.min(Math.max(0, state.selected - tableRoom + 1), Math.max(0, body.length - tableRoom));
  const visible = body.slice(first, first + tableRoom);
  const lines = [color ? `${ANSI.bold}${title}${ANSI.reset}` : title, header, ...visible];
  if (state.error !== null) lines.push(clip(`! ${state.error}`, columns));
  const logRoom = height - lines.length - 1;
  if (logRoom > 0) {
    const rule = clip(`── ${state.logTitle} ${'─'.repeat(columns)}`, columns);
    lines.push(color ? `${ANSI.dim}${rule}${ANSI.reset}` : rule);
    const logs = state.logLines.slice(-logRoom).map((line) => clip(line.replace(/\t/g, '  ').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ''), columns));
    lines.push(...logs);
  }
  return lines.slice(0, height);
}

function clip(text: string, columns: number): string {
  const chars = [...text];
  return chars.length > columns ? chars.slice(0, columns).join('') : text;
}
