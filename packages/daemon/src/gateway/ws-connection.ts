// GET /ws: a WebSocket carrying the socket's JSON-RPC messages (one request or batch per message),
// with the same dispatcher and the same subscriptions. Each message takes one request from the
// client's rate limit; over it, the reply is a RATE_LIMITED error. Messages over 1 MiB close the
// connection (ws maxPayload, close code 1009). As on the socket, a client that leaves more than
// rpc_max_unread of answers unread is not read further, and after rpc_stall_timeout it is cut off
// (SLOW_CONSUMER, close code 1008).
import { SUBSCRIPTION_NOTIFICATION, SvctlError, isObject, type SubscriptionParams } from '@svctl/protocol';
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
  const unread = new UnreadWatch(socket, limits, () => {
    const error = new SvctlError('SLOW_CONSUMER', `connection closed: the client left answers unread for ${limits.stallTimeoutMs} ms (setting rpc_stall_timeout)`);
    logger.warn({ connection: id, code: error.code, peer: peer.address, token: peer.token?.name ?? null }, `websocket client cut off: ${error.message}`);
    streams.closeAll();
    socket.send(JSON.stringify(errorResponse(null, error)));
    socket.close(1008, 'SLOW_CONSUMER');
    // A client that reads nothing never takes the close frame either.
    setTimeout(() => socket.terminate(), limits.stallTimeoutMs).unref();
  });
  const readOn = (): void => {
    if (inFlight < limits.maxInFlight && !unread.over()) socket.resume();
  };
  const write = (text: string): boolean => {
    if (socket.readyState !== socket.OPEN) return false;
    socket.send(text);
    if (!unread.over()) return true;
    socket.pause();
    unread.watch(readOn);
    return false;
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
      readOn();
    });
    // Past its in-flight bound the daemon stops reading from this client until answers go out.
    if (inFlight >= limits.maxInFlight) socket.pause();
  });
  socket.on('error', (error) => logger.debug({ err: error, connection: id }, 'websocket error'));
  socket.on('close', () => {
    unread.stop();
    streams.closeAll();
  });
}

/**
 * Answers a WebSocket client has not read (ws's bufferedAmount) past rpc_max_unread: checked every
 * UNREAD_POLL_MS while over (ws has no drain event), `cut` after rpc_stall_timeout, `drained` once under.
 */
class UnreadWatch {
  private poll: NodeJS.Timeout | undefined;
  private stall: NodeJS.Timeout | undefined;

  constructor(
    private readonly socket: WebSocket,
    private readonly limits: RpcLimits,
    private readonly cut: () => void,
  ) {}

  over(): boolean {
    return this.socket.bufferedAmount > this.limits.maxUnreadBytes;
  }

  watch(drained: () => void): void {
    this.stall ??= setTimeout(() => {
      this.stop();
      this.cut();
    }, this.limits.stallTimeoutMs);
    this.poll ??= setInterval(() => {
      if (this.over()) return;
      this.stop();
      drained();
    }, UNREAD_POLL_MS);
  }

  stop(): void {
    clearTimeout(this.stall);
    clearInterval(this.poll);
    this.stall = undefined;
    this.poll = undefined;
  }
}

const UNREAD_POLL_MS = 100;

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

