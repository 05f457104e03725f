// One daemon per SVCTL_HOME. The lock is a listening socket in Linux's abstract namespace:
// binding it is exclusive and the kernel releases it when the holder dies, however it dies,
// so there is no stale lock to break (unlike a pid file) and no race between two starters.
import fs from 'node:fs';
import net from 'node:net';
import { SvctlError } from '@svctl/protocol';

export interface InstanceLock {
  release(): Promise<void>;
}

export function lockName(home: string): string {
  return `\0svctl-${process.getuid?.() ?? 0}-${fnv1a64(fs.realpathSync(home))}`;
}

// A plain 64-bit FNV-1a hash: loading node:crypto for this would cost the daemon ~2 MB of RSS.
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(text)) hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * 0x100000001b3n);
  return hash.toString(16).padStart(16, '0');
}

export function acquireInstanceLock(home: string, describeHolder: () => string): Promise<InstanceLock> {
  return new Promise((resolve, reject) => {
    // Nobody connects to the lock; anyone who does is dropped at once.
    const server = net.createServer((socket) => socket.destroy());
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(new SvctlError('DAEMON_ALREADY_RUNNING', `another svctld already serves ${home}${describeHolder()}`, {
          hint: 'use `svctl daemon status`, or stop it with `svctl daemon stop`',
        }));
      } else {
        reject(error);
      }
    });
    server.listen({ path: lockName(home), exclusive: true }, () => {
      server.unref();
      resolve({ release: () => new Promise((done) => server.close(() => done())) });
    });
  });
}
