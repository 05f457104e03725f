import fs from 'node:fs';
import path from 'node:path';
import { insecurePathError, MAX_SOCKET_PATH_BYTES, socketPath, SvctlError, untrustedBecause } from '@svctl/protocol';

/** What the daemon reads or writes in its home: each must be ours, not writable by others, and no symlink. */
const HOME_ENTRIES = ['daemon.log', 'daemon.out', 'daemon.pid', 'dump.json', 'dump.json.bak', 'journal.json', 'journal-specs.json', 'journal.rejected.json', 'logs', 'tokens.json'];

/**
 * Creates SVCTL_HOME owner-only (0700), tightening an existing folder we own; refuses (HOME_INSECURE) a home,
 * or a file in it, that another user owns, that others can write, or that is a symlink (ssh's StrictModes).
 */
export function prepareHome(home: string): void {
  const socket = socketPath(home);
  if (Buffer.byteLength(socket) > MAX_SOCKET_PATH_BYTES) {
    throw new SvctlError('CONFIG_INVALID', `SVCTL_HOME ${home} is too long: the socket path ${socket} exceeds ${MAX_SOCKET_PATH_BYTES} bytes (a Linux limit)`, {
      hint: 'choose a shorter SVCTL_HOME',
    });
  }
  const uid = process.getuid?.() ?? 0;
  const existing = statIfExists(home, fs.statSync);
  if (existing !== undefined && existing.uid !== uid && existing.uid !== 0) {
    throw insecurePathError(home, `belongs to uid ${existing.uid}, not to you (uid ${uid}) or root`, uid);
  }
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
  fs.chmodSync(home, 0o700);
  for (const entry of HOME_ENTRIES) assertTrusted(path.join(home, entry), uid);
  const logs = path.join(home, 'logs');
  if (fs.existsSync(logs)) for (const file of fs.readdirSync(logs)) assertTrusted(path.join(logs, file), uid);
}

function assertTrusted(file: string, uid: number): void {
  const stat = statIfExists(file, fs.lstatSync);
  const reason = stat === undefined ? undefined : untrustedBecause(stat, uid);
  if (reason !== undefined) throw insecurePathError(file, reason, uid);
}

function statIfExists(file: string, stat: (file: string) => fs.Stats): fs.Stats | undefined {
  try {
    return stat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Writes a file so readers see the old or the new content, never a mix: temp file, fsync, rename. The temp
 * file is created afresh (O_EXCL, never through a symlink) with the final mode, so nothing planted under its
 * name can choose the file's owner or mode.
 */
export function writeFileAtomic(target: string, content: string, mode = 0o600): void {
  const temp = `${target}.${process.pid}.tmp`;
  const fd = createExclusive(temp, mode);
  try {
    fs.fchmodSync(fd, mode);
    fs.writeFileSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, target);
}

/**
 * Creates `file` afresh (O_EXCL, never through a symlink). Something already there (left by a crash, or
 * planted) is removed and the create tried once more: the usual case costs one open, not a stat, an
 * unlink attempt and the error it throws on a missing file (the crash journal writes this way per change).
 */
function createExclusive(file: string, mode: number): number {
  const { O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW } = fs.constants;
  const flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW;
  try {
    return fs.openSync(file, flags, mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  fs.rmSync(file, { force: true });
  return fs.openSync(file, flags, mode);
}

/** Why a file of the home could not be read, in words: its errno code, explained for the usual ones. */
export function whyUnreadable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EISDIR') return 'EISDIR: it is a directory, not a file';
  if (code === 'ELOOP') return 'ELOOP: it is a symbolic link, which svctl does not follow in its home';
  return code ?? (error as Error).message;
}

/** Reads a file of the home without following a symlink in its place (ELOOP instead). */
export function readHomeFile(file: string): string {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  try {
    return fs.readFileSync(fd, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
}
