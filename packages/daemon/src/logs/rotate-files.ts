// Classical rotation, pm2/logrotate style: `api-out.log.1` is the newest rotated file, `.N` the
// oldest (`.gz` when compressed). The caller has closed the current file; the next open creates it.
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';

/** `api-out.log.3` / `api-out.log.3.gz`: index 1 is the newest rotated file. */
export function rotatedName(file: string, index: number, compress: boolean): string {
  return `${file}.${index}${compress ? '.gz' : ''}`;
}

/** Rotations under way, by path: two writers of one path (a file being released while its successor opens) never interleave their renames. */
const rotations = new Map<string, Promise<void>>();

/** Shifts `.1`..`.N-1` up by one (the oldest falls off), then moves (or gzips) the file to `.1`; one rotation of a path at a time. */
export function rotateFiles(file: string, maxFiles: number, compress: boolean, mode: number): Promise<void> {
  const rotation = (rotations.get(file) ?? Promise.resolve()).then(() => shiftAndMove(file, maxFiles, compress, mode));
  const settled = rotation.catch(() => undefined);
  rotations.set(file, settled);
  void settled.then(() => {
    if (rotations.get(file) === settled) rotations.delete(file);
  });
  return rotation;
}

async function shiftAndMove(file: string, maxFiles: number, compress: boolean, mode: number): Promise<void> {
  for (let index = maxFiles; index > 1; index--) {
    await fs.promises.rename(rotatedName(file, index - 1, compress), rotatedName(file, index, compress)).catch(ignoreMissing);
  }
  const first = rotatedName(file, 1, compress);
  if (!compress) {
    await fs.promises.rename(file, first).catch(ignoreMissing);
    return;
  }
  // node:zlib is loaded only when a rotated file is compressed (log_compress), not by every daemon at start (issue 9, daemon RSS).
  const { createGzip } = await import('node:zlib');
  await pipeline(fs.createReadStream(file), createGzip(), fs.createWriteStream(first, { mode }));
  // The daemon's umask narrowed the mode at creation; the rotated file keeps the log file's.
  await fs.promises.chmod(first, mode);
  await fs.promises.rm(file, { force: true });
}

function ignoreMissing(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
}
