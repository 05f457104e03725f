// Appending to a file without ever taking a short write for a whole one: a write(2) on a nearly
// full disk may store only part of the buffer, so each write continues from the byte the last one
// ended at, and a failure leaves the caller knowing exactly how far it got.
import fs from 'node:fs';
import path from 'node:path';

export interface AppendTarget {
  handle: fs.promises.FileHandle;
  /** The inode opened, to notice the path being moved or removed behind our back. */
  ino: number;
  /** Bytes in the file when opened. */
  size: number;
}

/** Open flags for appending, creating the file when missing. */
export const APPEND = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_APPEND;
/** Open flags for appending to a file in SVCTL_HOME: a symlink planted in its place is refused (ELOOP), not followed. */
export const APPEND_NO_FOLLOW = APPEND | fs.constants.O_NOFOLLOW;

/** How a log file is opened: its mode when created (exactly, whatever the daemon's umask) and whether a symlink is refused. */
export interface FileAccess {
  mode: number;
  noFollow: boolean;
}

export const PRIVATE_FILE: FileAccess = { mode: 0o600, noFollow: true };

/** Opens (creating it and its folder when missing) for appending; a file it creates gets exactly `access.mode`. */
export async function openForAppend(file: string, access: FileAccess = PRIVATE_FILE): Promise<AppendTarget> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await openCreating(file, access);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    handle = await openCreating(file, access);
  }
  try {
    const stats = await handle.stat();
    return { handle, ino: stats.ino, size: stats.size };
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}

// O_EXCL tells a file we created (its mode is set, since open's mode passes through the umask) from one
// that was there (left as it is, as pm2 and shells leave it).
async function openCreating(file: string, access: FileAccess): Promise<fs.promises.FileHandle> {
  const flags = access.noFollow ? APPEND_NO_FOLLOW : APPEND;
  let created: fs.promises.FileHandle;
  try {
    created = await fs.promises.open(file, flags | fs.constants.O_EXCL, access.mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return fs.promises.open(file, flags, access.mode);
  }
  try {
    await created.chmod(access.mode);
  } catch (error) {
    await created.close().catch(() => undefined);
    throw error;
  }
  return created;
}

/** Writes data[start, end) in as many writes as it takes; `wrote` hears every stored piece before a failure is thrown. */
export async function appendRange(handle: fs.promises.FileHandle, data: Buffer, start: number, end: number, wrote: (bytes: number) => void): Promise<void> {
  let offset = start;
  while (offset < end) {
    const { bytesWritten } = await handle.write(data, offset, end - offset);
    if (bytesWritten <= 0) throw Object.assign(new Error('the file took no bytes'), { code: 'EIO' });
    offset += bytesWritten;
    wrote(bytesWritten);
  }
}

/** The synchronous twin, for the last lines of a process about to exit. */
export function appendAllSync(fd: number, data: Buffer): void {
  let offset = 0;
  while (offset < data.length) {
    const written = fs.writeSync(fd, data, offset, data.length - offset);
    if (written <= 0) return;
    offset += written;
  }
}
