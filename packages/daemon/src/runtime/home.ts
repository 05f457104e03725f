import fs from 'node:fs';
import { MAX_SOCKET_PATH_BYTES, socketPath, SvctlError } from '@svctl/protocol';

/** Creates SVCTL_HOME owner-only (0700), tightening an existing folder we own. */
export function prepareHome(home: string): void {
  const socket = socketPath(home);
  if (Buffer.byteLength(socket) > MAX_SOCKET_PATH_BYTES) {
    throw new SvctlError('CONFIG_INVALID', `SVCTL_HOME ${home} is too long: the socket path ${socket} exceeds ${MAX_SOCKET_PATH_BYTES} bytes (a Linux limit)`, {
      hint: 'choose a shorter SVCTL_HOME',
    });
  }
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
  fs.chmodSync(home, 0o700);
}

/** Writes a file so readers see the old or the new content, never a mix: temp file, fsync, rename. */
export function writeFileAtomic(target: string, content: string, mode = 0o600): void {
  const temp = `${target}.${process.pid}.tmp`;
  const fd = fs.openSync(temp, 'w', mode);
  try {
    fs.writeFileSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, target);
}
