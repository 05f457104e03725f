// GET /ws: a WebSocket carrying the socket's JSON-RPC messages (one request or batch per message),
// with the same dispatcher and the same subscriptions. Each message takes one request from the
// client's rate limit; over it, the reply is a RATE_LIMITED error. Messages over 1 MiB close the
// connection (ws maxPayload, close code 1009).
import { SUBSCRIPTION_NOTIFICATION, isObject, type SubscriptionParams } from '@svctl/protocol';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import type { MetricsRecorder } from '../metrics/recorder.js';
import type { Connection, Peer } from '../rpc/connection.js';
import { errorResponse, type Dispatcher } from '../rpc/dispatcher.js';
import { runFrame } from '../rpc/frames.js';
import type { RpcLimits } from '../rpc/limits.js';
import { StreamRegistry } from '../rpc/streams.js';
import { rateLimited } from './admission.js';
import type { RateLimiter } from './rate-limiter.js';

export interface WsContext {
  dispatcher: Dispatcher;
  logger: Logger;
  limits: RpcLimits;
  limiter: RateLimiter;
  metrics: MetricsRecorder;
}

export function serveWebSocket(socket: WebSocket, id: number, peer: Peer, context: WsContext): void {
  const { dispatcher, logger, limits, limiter, metrics } = context;
  let inFlight = 0;
  const write = (text: string): boolean => {
    if (socket.readyState !== socket.OPEN) return false;
    socket.send(text);
    return socket.bufferedAmount <= limits.maxUnreadBytes;
  };
  const streams = new StreamRegistry(id, (params: SubscriptionParams) => write(JSON.stringify({ jsonrpc: '2.0', method: SUBSCRIPTION_NOTIFICATION, params })));
  const connection: Connection = { id, peer, client: undefined, openStream: () => streams.open(), closeStream: (streamId) => streams.close(streamId) };
  const rateKey = peer.token === undefined ? `address ${peer.address}` : `token ${peer.token.name}`;

  socket.on('message', (data, isBinary) => {
    const text = isBinary ? '' : Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(data as Buffer[]).toString('utf8');
    const wait = limiter.take(rateKey);
    if (wait > 0) {
      metrics.rateLimited('ws');
      write(JSON.stringify(errorResponse(idOf(text), rateLimited(wait))));
      return;
    }
    inFlight += runFrame(text, limits.maxBatch, { dispatcher, connection, logger, write }, (requests) => {
      inFlight -= requests;
      if (inFlight < limits.maxInFlight) socket.resume();
    });
    // Past its in-flight bound the daemon stops reading from this client until answers go out.
    if (inFlight >= limits.maxInFlight) socket.pause();
  });
  socket.on('error', (error) => logger.debug({ err: error, connection: id }, 'websocket error'));
  socket.on('close', () => streams.closeAll());
}

/** The id of a rate-limited request, so the client can match the error to it (null when unreadable). */
function idOf(text: string): string | number | null {
  try {
    const parsed: unknown = JSON.parse(text);
    const id = isObject(parsed) ? parsed.id : undefined;
    return typeof id === 'string' || typeof id === 'number' ? id : null;
  } catch {
    return null;
  }
}

