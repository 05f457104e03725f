// A client transport carries whole JSON-RPC messages; the socket one frames them as lines.
import net from 'node:net';
import { SvctlError } from './errors.js';
import { encodeFrame, LineDecoder, MAX_RESPONSE_FRAME_BYTES } from './framing.js';

export interface ClientTransport {
  send(message: unknown): void;
  close(): void;
  onMessage(listener: (message: unknown) => void): void;
  onClose(listener: (error?: Error) => void): void;
}

export function connectUnixSocket(socketPath: string, timeoutMs: number): Promise<ClientTransport> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection({ path: socketPath });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new SvctlError('DAEMON_UNREACHABLE', `no answer from the daemon socket ${socketPath} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new SvctlError('DAEMON_UNREACHABLE', `cannot connect to the daemon at ${socketPath}: ${error.code ?? error.message}`, { cause: error }));
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socketTransport(socket));
    });
  });
}

function socketTransport(socket: net.Socket): ClientTransport {
  const decoder = new LineDecoder(MAX_RESPONSE_FRAME_BYTES);
  const messageListeners: Array<(message: unknown) => void> = [];
  const closeListeners: Array<(error?: Error) => void> = [];
  let lastError: Error | undefined;
  socket.on('data', (chunk: Buffer) => {
    for (const frame of decoder.push(chunk)) {
      if (frame.kind === 'oversize') {
        socket.destroy(new SvctlError('FRAME_TOO_LARGE', `the daemon sent a frame of more than ${frame.bytes} bytes`));
        return;
      }
      let message: unknown;
      try {
        message = JSON.parse(frame.text);
      } catch {
        socket.destroy(new SvctlError('PARSE_ERROR', 'the daemon sent a frame that is not JSON'));
        return;
      }
      for (const listener of messageListeners) listener(message);
    }
  });
  socket.on('error', (error) => {
    lastError = error;
  });
  socket.on('close', () => {
    for (const listener of closeListeners) listener(lastError);
  });
  return {
    send: (message) => {
      socket.write(encodeFrame(message));
    },
    close: () => {
      socket.end();
      socket.destroy();
    },
    onMessage: (listener) => messageListeners.push(listener),
    onClose: (listener) => closeListeners.push(listener),
  };
}
