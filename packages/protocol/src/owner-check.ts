// Trusting a path only when its owner is us (or root) and no one else can write to it, as ssh's StrictModes does.
import type fs from 'node:fs';
import { SvctlError } from './errors.js';

/** Why `stat` (from lstat) is not to be trusted by the user `uid`, or undefined when it is. */
export function untrustedBecause(stat: fs.Stats, uid: number): string | undefined {
  if (stat.isSymbolicLink()) return 'is a symlink';
  if (stat.uid !== uid && stat.uid !== 0) return `belongs to uid ${stat.uid}, not to you (uid ${uid}) or root`;
  if ((stat.mode & 0o022) !== 0) return `is writable by ${(stat.mode & 0o020) !== 0 ? 'its group' : 'others'} (mode ${(stat.mode & 0o777).toString(8)})`;
  return undefined;
}

/** The HOME_INSECURE error for `file`, with the commands that fix it. */
export function insecurePathError(file: string, reason: string, uid: number): SvctlError {
  const fix = reason === 'is a symlink' ? `rm ${file}` : `chown ${uid} ${file} && chmod go-w ${file}`;
  return new SvctlError('HOME_INSECURE', `refusing ${file}: it ${reason}`, { hint: `if you trust it, fix it with: ${fix}` });
}
