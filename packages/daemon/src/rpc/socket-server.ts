// The Unix-socket transport: newline-framed JSON-RPC, owner-only socket, bounded frames and buffers.
import fs from 'node:fs';
import net from 'node:net';
import { encodeFrame, LineDecoder, MAX_FRAME_BYTES, SUBSCRIPTION_NOTIFICATION, SvctlError, type SubscriptionParams } from '@svctl/protocol';
import type { Logger } from 'pino';
import type { Connection } from './connection.js';
import { errorResponse, type Dispatcher } from './dispatcher.js';
import { StreamRegistry } from './streams.js';

// A peer whose unread output exceeds this has its streams cut rather than growing daemon memory.
const MAX_PENDING_OUTPUT_BYTES = 8 * 1024 * 1024;

export interface SocketServer {
  close(): Promise<void>;
}

export async function listenOnSocket(path: string, dispatcher: Dispatcher, logger: Logger): Promise<SocketServer> {
  let nextId = 1;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serveConnection(socket, nextId++, dispatcher, logger);
  });
  const previousUmask = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ path, exclusive: true }, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } finally {
    process.umask(previousUmask);
  }
  fs.chmodSync(path, 0o600);
  server.on('error', (error) => logger.error({ err: error }, 'socket server error'));
  return {
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

function serveConnection(socket: net.Socket, id: number, dispatcher: Dispatcher, logger: Logger): void {
  const decoder = new LineDecoder(MAX_FRAME_BYTES);
  const write = (message: unknown): boolean => {
    if (socket.destroyed) return false;
    socket.write(encodeFrame(message));
    return socket.writableLength <= MAX_PENDING_OUTPUT_BYTES;
  };
  const streams = new StreamRegistry(id, (params: SubscriptionParams) => write({ jsonrpc: '2.0', method: SUBSCRIPTION_NOTIFICATION, params }));
  const connection: Connection = {
    id,
    client: undefined,
    openStream: () => streams.open(),
    closeStream: (streamId) => streams.close(streamId),
  };
  socket.on('data', (chunk: Buffer) => {
    for (const frame of decoder.push(chunk)) {
      if (frame.kind === 'oversize') {
        logger.warn({ connection: id, bytes: frame.bytes }, 'frame too large, closing connection');
        socket.end(encodeFrame(errorResponse(null, new SvctlError('FRAME_TOO_LARGE', `frame larger than ${MAX_FRAME_BYTES} bytes; connection closed`))));
        socket.destroySoon();
        return;
      }
      dispatcher.dispatchText(frame.text, connection).then(
        (response) => {
          if (response !== undefined) write(response);
        },
        (error: unknown) => logger.error({ err: error, connection: id }, 'dispatch failed'),
      );
    }
  });
  // Peers that vanish mid-frame or reset the connection cost nothing beyond this.
  socket.on('error', (error) => logger.debug({ err: error, connection: id }, 'connection error'));
  socket.on('close', () => streams.closeAll());
}
