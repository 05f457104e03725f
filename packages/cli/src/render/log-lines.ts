// How `svctl logs` prints entries: `name| line` (instance > 0: `name#N| line`), a coloured name on a
// terminal (stderr lines red, svctl's own markers dim), `--timestamps` puts the capture time first,
// `--json` prints each entry as one JSON object, `--raw` only the line itself.
import type { LogEntry } from '@svctl/protocol';

const PALETTE = ['36', '35', '32', '34', '33', '96', '95', '92', '94', '93'];

export interface LogRenderOptions {
  json: boolean;
  timestamps: boolean;
  color: boolean;
  /** Only the line as the app wrote it (pm2's --raw): no name, time or colour. */
  raw?: boolean;
}

export function renderLogEntry(entry: LogEntry, options: LogRenderOptions): string {
  if (options.json) return JSON.stringify(entry);
  if (options.raw === true) return entry.msg;
  const name = `${entry.app}${entry.instance > 0 ? `#${entry.instance}` : ''}|`;
  const time = options.timestamps ? `${entry.at ?? '-'} ` : '';
  if (!options.color) return `${time}${name} ${entry.stream === 'svctl' ? `[svctl] ${entry.msg}` : entry.msg}`;
  const prefix = `\u001b[${PALETTE[hash(entry.app) % PALETTE.length]}m${name}\u001b[0m`;
  const stamp = time === '' ? '' : `\u001b[90m${time}\u001b[0m`;
  if (entry.stream === 'svctl') return `${stamp}${prefix} \u001b[2m[svctl] ${entry.msg}\u001b[0m`;
  if (entry.stream === 'err') return `${stamp}${prefix} \u001b[31m${entry.msg}\u001b[0m`;
  return `${stamp}${prefix} ${entry.msg}`;
}

function hash(text: string): number {
  let value = 0;
  for (let index = 0; index < text.length; index++) value = (value * 31 + text.charCodeAt(index)) >>> 0;
  return value;
}
