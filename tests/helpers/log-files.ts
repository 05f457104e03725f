import fs from 'node:fs';
import path from 'node:path';

/** A log file and its rotated files, oldest first: name.N ... name.1, name. */
export function logFilesOldestFirst(file: string): string[] {
  const dir = path.dirname(file);
  const base = path.basename(file);
  const rotated = fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(`${base}.`) && /^\d+$/.test(name.slice(base.length + 1)))
    .sort((a, b) => Number(b.slice(base.length + 1)) - Number(a.slice(base.length + 1)));
  return [...rotated, base].map((name) => path.join(dir, name)).filter((name) => fs.existsSync(name));
}

export function totalBytes(files: string[]): number {
  return files.reduce((sum, file) => sum + fs.statSync(file).size, 0);
}

export interface NumberedCheck {
  lines: number;
  first: number | null;
  last: number | null;
  /** Descriptions of the first few problems: gaps, repeats, malformed or split lines. */
  problems: string[];
}

/**
 * Streams through files of fixed-size numbered lines (tests/fixtures/spew-lines.js) in 1 MiB blocks
 * and checks that every line is whole, in order and consecutive. Each file must start with a
 * whole line and end with a newline (no line split across files).
 */
export function checkNumberedLines(files: string[], lineBytes: number): NumberedCheck {
  const result: NumberedCheck = { lines: 0, first: null, last: null, problems: [] };
  const problem = (text: string) => {
    if (result.problems.length < 5) result.problems.push(text);
  };
  const block = Buffer.allocUnsafe(lineBytes * 10_000);
  for (const file of files) {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      if (size % lineBytes !== 0) problem(`${path.basename(file)}: ${size} bytes is not a whole number of ${lineBytes}-byte lines`);
      let position = 0;
      while (position < size) {
        const read = fs.readSync(fd, block, 0, Math.min(block.length, size - position), position);
        for (let offset = 0; offset + lineBytes <= read; offset += lineBytes) {
          if (block[offset + lineBytes - 1] !== 10 || block[offset + 10] !== 32) {
            problem(`${path.basename(file)} @${position + offset}: not a whole line`);
            continue;
          }
          const n = Number(block.toString('latin1', offset, offset + 10));
          if (result.last !== null && n !== result.last + 1) problem(`${path.basename(file)} @${position + offset}: line ${n} after ${result.last}`);
          result.first ??= n;
          result.last = n;
          result.lines++;
        }
        position += read - (read % lineBytes);
        if (read % lineBytes !== 0 && read < block.length) break;
      }
    } finally {
      fs.closeSync(fd);
    }
  }
  return result;
}

/** Peak resident memory of a process so far (VmHWM), in KiB. */
export function peakRssKb(pid: number): number {
  return Number(/^VmHWM:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
}

export function currentRssKb(pid: number): number {
  return Number(/^VmRSS:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
}

/** Parsed JSON lines of the daemon log (pino), for structured events. */
export function daemonLogEvents(home: string): Array<Record<string, unknown>> {
  const text = fs.existsSync(path.join(home, 'daemon.log')) ? fs.readFileSync(path.join(home, 'daemon.log'), 'utf8') : '';
  return text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
