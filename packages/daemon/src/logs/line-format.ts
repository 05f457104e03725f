// How captured lines are written: raw (the default; no per-line work at all), prefixed with a
// timestamp (`time: true` → ISO 8601 with ms, or `log_date_format`), or one JSON object per line
// (`log_type: "json"`: {"at","app","instance","stream","msg"}, the shape of a logs.tail entry). Lines in, lines out, per chunk.
import type { AppSpec } from '@svctl/protocol';
import { compileDateFormat } from './date-format.js';
import type { CapturedStream } from './ring.js';

export type LineFormat = (lines: Buffer, at: number, instance: number, stream: CapturedStream) => Buffer;

const raw: LineFormat = (lines) => lines;

export function lineFormatFor(spec: AppSpec): LineFormat {
  if (spec.log_type === 'json') {
    const app = spec.name;
    return (lines, at, instance, stream) => {
      const time = new Date(at).toISOString();
      let text = '';
      for (const msg of lines.toString('utf8').split('\n').slice(0, -1)) text += `${JSON.stringify({ at: time, app, instance, stream, msg })}\n`;
      return Buffer.from(text);
    };
  }
  if (spec.time === true || spec.log_date_format !== undefined) {
    const format = compileDateFormat(spec.log_date_format);
    return (lines, at) => {
      const prefix = Buffer.from(`${format(at)}: `);
      const parts: Buffer[] = [];
      let start = 0;
      while (start < lines.length) {
        const newline = lines.indexOf(10, start);
        const end = newline === -1 ? lines.length : newline + 1;
        parts.push(prefix, lines.subarray(start, end));
        start = end;
      }
      return Buffer.concat(parts);
    };
  }
  return raw;
}

const ISO_PREFIX = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z): /;

export interface ParsedLine {
  at: string | null;
  msg: string;
  instance?: number;
  stream?: CapturedStream;
}

/** Reads a line back from a file written with the app's format: its capture time when the format has it. */
export function parseStoredLine(spec: AppSpec, line: string): ParsedLine {
  if (spec.log_type === 'json' && line.startsWith('{')) {
    try {
      const value = JSON.parse(line) as { at?: unknown; msg?: unknown; instance?: unknown; stream?: unknown };
      if (typeof value.msg === 'string') {
        return {
          at: typeof value.at === 'string' ? value.at : null,
          msg: value.msg,
          ...(typeof value.instance === 'number' ? { instance: value.instance } : {}),
          ...(value.stream === 'out' || value.stream === 'err' ? { stream: value.stream } : {}),
        };
      }
    } catch {
      // not one of ours: shown as it is
    }
  }
  if (spec.time === true && spec.log_date_format === undefined) {
    const match = ISO_PREFIX.exec(line);
    if (match !== null) return { at: match[1] ?? null, msg: line.slice(match[0].length) };
  }
  return { at: null, msg: line };
}
