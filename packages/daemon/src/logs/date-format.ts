// Timestamps for log lines: ISO 8601 with milliseconds by default, or a dayjs/moment-style pattern
// (`log_date_format`) with the common tokens YYYY YY MM M DD D HH H hh h mm m ss s SSS A a Z ZZ, and
// literal text in [brackets]. Local time, as pm2 (dayjs) does. Compiled once per app, run once per chunk.

export type DateFormatter = (epochMs: number) => string;

const TOKENS = /\[([^\]]*)\]|YYYY|YY|SSS|MM|M|DD|D|HH|H|hh|h|mm|m|ss|s|A|a|ZZ|Z/g;

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

function offset(date: Date, separator: string): string {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes >= 0 ? '+' : '-';
  const absolute = Math.abs(minutes);
  return `${sign}${pad(Math.floor(absolute / 60))}${separator}${pad(absolute % 60)}`;
}

const RENDER: Record<string, (date: Date) => string> = {
  YYYY: (d) => pad(d.getFullYear(), 4),
  YY: (d) => pad(d.getFullYear() % 100),
  MM: (d) => pad(d.getMonth() + 1),
  M: (d) => String(d.getMonth() + 1),
  DD: (d) => pad(d.getDate()),
  D: (d) => String(d.getDate()),
  HH: (d) => pad(d.getHours()),
  H: (d) => String(d.getHours()),
  hh: (d) => pad(d.getHours() % 12 || 12),
  h: (d) => String(d.getHours() % 12 || 12),
  mm: (d) => pad(d.getMinutes()),
  m: (d) => String(d.getMinutes()),
  ss: (d) => pad(d.getSeconds()),
  s: (d) => String(d.getSeconds()),
  SSS: (d) => pad(d.getMilliseconds(), 3),
  A: (d) => (d.getHours() < 12 ? 'AM' : 'PM'),
  a: (d) => (d.getHours() < 12 ? 'am' : 'pm'),
  Z: (d) => offset(d, ':'),
  ZZ: (d) => offset(d, ''),
};

export const isoFormatter: DateFormatter = (epochMs) => new Date(epochMs).toISOString();

/** Compiles a pattern into a formatter; undefined or empty means ISO 8601 (UTC, milliseconds). */
export function compileDateFormat(pattern: string | undefined): DateFormatter {
  if (pattern === undefined || pattern === '') return isoFormatter;
  const parts: Array<string | ((date: Date) => string)> = [];
  let last = 0;
  for (const match of pattern.matchAll(TOKENS)) {
    const index = match.index ?? 0;
    if (index > last) parts.push(pattern.slice(last, index));
    const literal = match[1];
    parts.push(literal !== undefined ? literal : (RENDER[match[0]] ?? (() => match[0])));
    last = index + match[0].length;
  }
  if (last < pattern.length) parts.push(pattern.slice(last));
  return (epochMs) => {
    const date = new Date(epochMs);
    let text = '';
    for (const part of parts) text += typeof part === 'string' ? part : part(date);
    return text;
  };
}
