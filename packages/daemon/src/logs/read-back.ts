// Reading the last lines of a log back from disk: the current file, then `.1`, `.2`... (newest
// first), block by block from the end, so the cost follows what is asked, not the file's size.
// Compressed rotated files (.gz) are not read back. Bounded by a line count and a byte budget.
import fs from 'node:fs';
import { rotatedName } from './rotate-files.js';

const BLOCK = 64 * 1024;

export interface TailResult {
  /** Oldest first, without newlines. */
  lines: string[];
  bytes: number;
}

/** The last `count` lines of `file` and its rotated files, reading at most `maxBytes`. */
export function tailLogLines(file: string, maxRotated: number, count: number, maxBytes: number): TailResult {
  const collected: string[][] = [];
  let total = 0;
  let bytes = 0;
  for (let index = 0; index <= maxRotated && total < count && bytes < maxBytes; index++) {
    const name = index === 0 ? file : rotatedName(file, index, false);
    const part = tailOneFile(name, count - total, maxBytes - bytes);
    if (part === null) {
      if (index === 0) continue;
      break; // rotated files are consecutive: the first missing one ends the chain
    }
    collected.push(part.lines);
    total += part.lines.length;
    bytes += part.bytes;
  }
  return { lines: collected.reverse().flat(), bytes };
}

function tailOneFile(file: string, count: number, maxBytes: number): TailResult | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    let position = fs.fstatSync(fd).size;
    const lines: string[] = [];
    let carry: Buffer = Buffer.alloc(0);
    let read = 0;
    // A last line without its newline (still being written) counts as a line.
    let first = true;
    while (position > 0 && lines.length < count && read < maxBytes) {
      const size = Math.min(BLOCK, position);
      position -= size;
      const block = Buffer.allocUnsafe(size);
      fs.readSync(fd, block, 0, size, position);
      read += size;
      const data = carry.length === 0 ? block : Buffer.concat([block, carry]);
      let end = data.length;
      if (first && data[end - 1] === 10) end -= 1;
      first = false;
      while (end > 0 && lines.length < count) {
        // (a negative fromIndex would search from the end, hence end > 0)
        const newline = data.lastIndexOf(10, end - 1);
        if (newline === -1) break;
        lines.push(data.toString('utf8', newline + 1, end));
        end = newline;
      }
      carry = Buffer.from(data.subarray(0, end));
    }
    if (position === 0 && carry.length > 0 && lines.length < count) lines.push(carry.toString('utf8'));
    return { lines: lines.reverse(), bytes: read };
  } finally {
    fs.closeSync(fd);
  }
}
