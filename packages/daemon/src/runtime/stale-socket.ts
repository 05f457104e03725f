import fs from 'node:fs';
import net from 'node:net';
import { SvctlError } from '@svctl/protocol';

/** Removes a socket file left by a dead daemon; refuses if something still answers on it. */
export async function clearStaleSocket(path: string): Promise<'absent' | 'removed'> {
  if (!fs.existsSync(path)) return 'absent';
  if (await answers(path)) {
    throw new SvctlError('DAEMON_ALREADY_RUNNING', `something already answers on ${path}`, { hint: 'stop the other daemon first: svctl daemon stop' });
  }
  fs.rmSync(path, { force: true });
  return 'removed';
}

function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.createConnection({ path });
    const done = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
