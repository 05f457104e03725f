// GET /ws: a WebSocket carrying the socket's JSON-RPC messages (one request or batch per message),
// with the same dispatcher and the same subscriptions. Each message takes one request from the
// client's rate limit; over it, the reply is a RATE_LIMITED error. Messages over 1 MiB close the
// connection (ws maxPayload, close code 1009). As on the socket, a client that leaves more than
// rpc_max_unread of answers unread (or any it does not take while all clients together leave more than
// rpc_max_unread_total) is not read further, and after rpc_stall_timeout it is cut off (SLOW_CONSUMER,
// close code 1008). The message being received counts in rpc_max_partial_total with unfinished socket
// frames and HTTP bodies; the client that would pass it is cut off (LIMIT_EXCEEDED, close code 1008).
import type { Duplex } from 'node:stream';
import { SUBSCRIPTION_NOTIFICATION, SvctlError, isObject, type SubscriptionParams } from '@svctl/protocol';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import type { MetricsRecorder } from '../metrics/recorder.js';
import type { Connection, Peer } from '../rpc/connection.js';
import { errorResponse, type Dispatcher } from '../rpc/dispatcher.js';
import { runFrame } from '../rpc/frames.js';
import type { RpcLimits } from '../rpc/limits.js';
import type { SharedBudget } from '../rpc/shared-budget.js';
import { StreamRegistry } from '../rpc/streams.js';
import { rateLimited } from './admission.js';
import type { RateLimiter } from './rate-limiter.js';

export interface WsContext {
  dispatcher: Dispatcher;
  logger: Logger;
  limits: RpcLimits;
  budget: SharedBudget;
  limiter: RateLimiter;
  metrics: MetricsRecorder;
}

/** `raw` is the upgraded TCP or TLS socket under `socket`: its writes and reads are what the budgets count. */
export function serveWebSocket(socket: WebSocket, raw: Duplex, id: number, peer: Peer, context: WsContext): void {
  const { dispatcher, logger, limits, budget, limiter, metrics } = context;
  let inFlight = 0;
  let cutOff = false;
  /** Tells the client why, closes with 1008, and ends a client that does not take the close frame either. */
  const cut = (error: SvctlError, graceMs: number): void => {
    if (cutOff) return;
    cutOff = true;
    logger.warn({ connection: id, code: error.code, peer: peer.address, token: peer.token?.name ?? null }, `websocket client cut off: ${error.message}`);
    unread.stop();
    streams.closeAll();
    socket.pause();
    socket.send(JSON.stringify(errorResponse(null, error)));
    socket.close(1008, error.code);
    setTimeout(() => socket.terminate(), graceMs).unref();
  };
  // Over the total, a client counts as over its own bound as soon as it is not keeping up at all.
  const forgetUnread = budget.unread.add(() => socket.bufferedAmount);
  const unread = new UnreadWatch(
    () => socket.bufferedAmount > limits.maxUnreadBytes || (raw.writableNeedDrain && budget.unread.over()),
    limits.stallTimeoutMs,
    () => cut(new SvctlError('SLOW_CONSUMER', `connection closed: the client left answers unread for ${limits.stallTimeoutMs} ms (setting rpc_stall_timeout)`), limits.stallTimeoutMs),
  );
  const partial = watchPartialMessage(socket, raw, budget, () =>
    cut(new SvctlError('LIMIT_EXCEEDED', `connection closed: unfinished requests of all clients hold more than ${budget.partial.maxBytes} bytes (setting rpc_max_partial_total)`), CLOSE_GRACE_MS),
  );
  const readOn = (): void => {
    if (!cutOff && inFlight < limits.maxInFlight && !unread.over()) socket.resume();
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
    partial.complete();
    if (cutOff) return;
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
    forgetUnread();
    partial.complete();
    unread.stop();
    streams.closeAll();
  });
}

/**
 * Answers a WebSocket client has not read past its bound (`over`): checked every UNREAD_POLL_MS while
 * over (ws has no drain event), `cut` after rpc_stall_timeout, `drained` once under.
 */
class UnreadWatch {
  private poll: NodeJS.Timeout | undefined;
  private stall: NodeJS.Timeout | undefined;

  constructor(
    readonly over: () => boolean,
    private readonly stallTimeoutMs: number,
    private readonly cut: () => void,
  ) {}

  watch(drained: () => void): void {
    this.stall ??= setTimeout(() => {
      this.stop();
      this.cut();
    }, this.stallTimeoutMs);
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
/** How long a client cut off for its partial message has to take the close frame before its socket is ended. */
const CLOSE_GRACE_MS = 1000;

/**
 * The bytes a client has sent since its last complete message (or ping, pong) are held in the
 * daemon-wide partial budget: counted as they arrive on the raw socket, before ws reads them, and given
 * back when a message completes or the connection closes. The start of a next message that came in the
 * same read as the end of the last one goes uncounted (at most one read per client). `over` is called
 * when a read would pass the total; nothing more is counted after that.
 */
function watchPartialMessage(socket: WebSocket, raw: Duplex, budget: SharedBudget, over: () => void): { complete(): void } {
  let held = 0;
  let refused = false;
  const complete = (): void => {
    budget.partial.give(held);
    held = 0;
  };
  raw.prependListener('data', (chunk: Buffer) => {
    if (refused) return;
    if (budget.partial.take(chunk.length)) {
      held += chunk.length;
      return;
    }
    refused = true;
    over();
  });
  socket.on('ping', complete);
  socket.on('pong', complete);
  return { complete };
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

