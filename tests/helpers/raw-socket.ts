import net from 'node:net';
import path from 'node:path';

/** A bare connection to the daemon socket, for sending what no well-behaved client would. */
export function rawConnect(home: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection({ path: path.join(home, 'daemon.sock') });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Reads the next newline-terminated JSON message from the socket. */
export function readMessage(socket: net.Socket): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      const newline = buffer.indexOf('\n');
      if (newline === -1) return;
      socket.off('data', onData);
      socket.off('error', reject);
      resolve(JSON.parse(buffer.slice(0, newline)) as Record<string, unknown>);
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
}

/** Resolves when the peer has closed the connection. */
export function closed(socket: net.Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.destroyed) resolve();
    else socket.once('close', () => resolve());
  });
}
