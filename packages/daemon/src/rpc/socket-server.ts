// The Unix-socket transport: newline-framed JSON-RPC, owner-only socket, bounded connections and buffers.
import fs from 'node:fs';
import net from 'node:net';
import { SvctlError } from '@svctl/protocol';
import type { Logger } from 'pino';
import type { Peer } from './connection.js';
import { errorResponse, type Dispatcher } from './dispatcher.js';
import type { RpcLimits } from './limits.js';
import type { SharedBudget } from './shared-budget.js';
import { serveConnection } from './socket-connection.js';

const REFUSED_GRACE_MS = 2000;

export interface SocketServer {
  close(): Promise<void>;
}

export async function listenOnSocket(path: string, dispatcher: Dispatcher, logger: Logger, limits: RpcLimits, budget: SharedBudget): Promise<SocketServer> {
  let nextId = 1;
  const connections = new Set<net.Socket>();
  // The socket file is made by this process's bind(), so it belongs to the daemon's effective uid.
  const peer = unixPeer(process.geteuid?.() ?? 0);
  const server = net.createServer((socket) => {
    if (connections.size >= limits.maxConnections) {
      refuse(socket, limits.maxConnections, logger);
      return;
    }
    connections.add(socket);
    serveConnection(socket, nextId++, { dispatcher, logger, limits, budget, peer });
    socket.on('close', () => connections.delete(socket));
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
        for (const socket of connections) socket.destroy();
      }),
  };
}

/**
 * The peer of every socket connection, for authorization and the audit log. Node cannot read a Unix
 * socket peer's credentials (SO_PEERCRED) without a native add-on, and /proc shows no peer of a Unix
 * socket, so this is the uid the socket's mode (0600) admits: its owner, the daemon's user. Root passes
 * any file mode and is not told apart (docs/api.md "Audit").
 */
function unixPeer(ownerUid: number): Peer {
  return { transport: 'unix', address: `uid:${ownerUid}` };
}

function refuse(socket: net.Socket, max: number, logger: Logger): void {
  logger.warn({ max }, 'connection refused: too many connections');
  const error = new SvctlError('LIMIT_EXCEEDED', `the daemon serves at most ${max} connections at once (setting rpc_max_connections); connection closed`);
  socket.on('error', () => undefined);
  socket.end(`${JSON.stringify(errorResponse(null, error))}\n`);
  // Its first request is read and dropped (closing on it unread would reset the connection before the
  // client reads why); the client's own close ends it, or this timer.
  socket.resume();
  setTimeout(() => socket.destroy(), REFUSED_GRACE_MS).unref();
}
