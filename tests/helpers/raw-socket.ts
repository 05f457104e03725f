import net from 'node:net';
import path from 'node:path';

/**
 * A bare connection to the daemon socket, for sending what no well-behaved client would. A full listen
 * backlog (EAGAIN, when hundreds connect while the daemon is busy) is retried until a deadline, as a client would.
 */
export async function rawConnect(home: string, deadlineMs = 30_000): Promise<net.Socket> {
  const giveUpAt = Date.now() + deadlineMs;
  for (;;) {
    try {
      return await connectOnce(path.join(home, 'daemon.sock'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN' || Date.now() > giveUpAt) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

function connectOnce(socketPath: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection({ path: socketPath });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Reads the next `count` newline-terminated lines from the socket, as text. */
export function readLines(socket: net.Socket, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const lines: string[] = [];
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline: number;
      while (lines.length < count && (newline = buffer.indexOf('\n')) !== -1) {
        lines.push(buffer.slice(0, newline));
        buffer = buffer.slice(newline + 1);
      }
      if (lines.length < count) return;
      socket.off('data', onData);
      socket.off('error', reject);
      resolve(lines);
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
}

/** Reads the next line as text (to see ids exactly as the daemon wrote them). */
export async function readLine(socket: net.Socket): Promise<string> {
  return (await readLines(socket, 1))[0] as string;
}

/** Reads the next line as JSON, whatever its shape (a batch answer is an array). */
export async function readRaw(socket: net.Socket): Promise<unknown> {
  return JSON.parse(await readLine(socket)) as unknown;
}

/** Reads the next newline-terminated JSON message from the socket. */
export async function readMessage(socket: net.Socket): Promise<Record<string, unknown>> {
  return (await readRaw(socket)) as Record<string, unknown>;
}

/** Resolves when the peer has closed the connection. */
export function closed(socket: net.Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.destroyed) resolve();
    else socket.once('close', () => resolve());
  });
}
