// One daemon per SVCTL_HOME. The lock is a listening socket in Linux's abstract namespace:
// binding it is exclusive and the kernel releases it when the holder dies, however it dies,
// so there is no stale lock to break (unlike a pid file) and no race between two starters.
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import { SvctlError } from '@svctl/protocol';

export interface InstanceLock {
  release(): Promise<void>;
}

export function lockName(home: string): string {
  const digest = crypto.createHash('sha256').update(fs.realpathSync(home)).digest('hex').slice(0, 32);
  return `\0svctl-${process.getuid?.() ?? 0}-${digest}`;
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
