// The network gateway (docs/api.md): HTTP or HTTPS on http_listen, serving GET /ws and the HTTP
// routes of routes.ts. Off unless http_listen is set. Every JSON-RPC method goes through
// the daemon's one dispatcher; this file only routes, authenticates and rate-limits.
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import { MAX_FRAME_BYTES, SvctlError, type Settings } from '@svctl/protocol';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { SessionStore } from '../auth/session-store.js';
import type { TokenStore } from '../auth/token-store.js';
import type { MetricsRecorder } from '../metrics/recorder.js';
import { errorResponse, type Dispatcher } from '../rpc/dispatcher.js';
import type { RpcLimits } from '../rpc/limits.js';
import type { SharedBudget } from '../rpc/shared-budget.js';
import { admit, rateLimited } from './admission.js';
import { BEARER_CHALLENGE, sendError, sendJson } from './http-reply.js';
import type { GatewayPlan, TlsFiles } from './gateway-plan.js';
import { RateLimiter } from './rate-limiter.js';
import { allowedMethods, findRoute, gatewayRoutes } from './routes.js';
import { serveWebSocket } from './ws-connection.js';

export interface GatewayOptions {
  settings: Settings;
  tokens: TokenStore;
  logger: Logger;
  limits: RpcLimits;
  /** The daemon-wide totals, shared with the Unix socket's clients. */
  budget: SharedBudget;
  startedAt: Date;
  metrics: MetricsRecorder;
}

export interface Gateway {
  /** The port listened on (the one asked for, or the one the OS chose for port 0). */
  readonly port: number;
  /** From now on /rpc and /ws are served, and /readyz answers 200. */
  ready(dispatcher: Dispatcher): void;
  /** Reads the certificate and key files again (false without TLS); new connections use them, open ones are kept. */
  reloadTls(): boolean;
  close(): Promise<void>;
}

export async function startGateway(plan: GatewayPlan, options: GatewayOptions): Promise<Gateway> {
  const { settings, tokens, logger, limits, budget, startedAt, metrics } = options;
  const limiter = new RateLimiter({ rate: settings.http_rate, burst: settings.http_burst });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  let dispatcher: Dispatcher | undefined;
  let nextId = 1;
  const sockets = new Set<net.Socket>();

  // Dashboard sessions live as long as this gateway, and end with the token they came from.
  const credentials = { tokens, sessions: new SessionStore((token) => tokens.isCurrent(token)) };
  const routes = gatewayRoutes({ startedAt, maxBatch: limits.maxBatch, bodies: budget.partial, metrics, metricsPublic: settings.http_metrics_public, logger, credentials });

  const onRequest = (request: http.IncomingMessage, response: http.ServerResponse): void => {
    const path = (request.url ?? '').split('?')[0] ?? '';
    const route = findRoute(routes, request.method ?? '', path);
    // Unknown paths share one label: clients choose paths, and each label value is a series kept forever.
    const label = typeof route === 'number' ? 'unmatched' : route.path;
    response.once('finish', () => {
      metrics.httpAnswered(label, response.statusCode);
      if (response.statusCode === 429) metrics.rateLimited('http');
    });
    if (typeof route === 'number') {
      sendJson(response, route, { error: `no route ${request.method ?? ''} ${path}` }, route === 405 ? { allow: allowedMethods(routes, path) } : {});
      return;
    }
    if (route.access === 'open') {
      const wait = limiter.take(`address ${request.socket.remoteAddress ?? 'unknown'}`);
      if (wait > 0) {
        sendError(response, 429, rateLimited(wait), wait);
        return;
      }
      route.serve({ request, response, peer: undefined, dispatcher, connectionId: nextId++ });
      return;
    }
    if (dispatcher === undefined) {
      sendError(response, 503, notReady(), 1);
      return;
    }
    const admission = admit(request, 'http', credentials, limiter);
    if (!admission.ok) {
      request.resume();
      sendError(response, admission.status, admission.error, admission.retryAfterSeconds);
      return;
    }
    route.serve({ request, response, peer: admission.peer, dispatcher, connectionId: nextId++ });
  };

  const onUpgrade = (request: http.IncomingMessage, socket: net.Socket, head: Buffer): void => {
    const onWs = (request.url ?? '').split('?')[0] === '/ws';
    const refuse = (status: number, error: SvctlError, retryAfterSeconds?: number): void => {
      const body = JSON.stringify(errorResponse(null, error));
      const retry = retryAfterSeconds === undefined ? '' : `Retry-After: ${retryAfterSeconds}\r\n`;
      const challenge = status === 401 ? `WWW-Authenticate: ${BEARER_CHALLENGE}\r\n` : '';
      metrics.httpAnswered(onWs ? '/ws' : 'unmatched', status);
      if (status === 429) metrics.rateLimited('ws');
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${retry}${challenge}Connection: close\r\n\r\n${body}`);
    };
    if (!onWs) {
      refuse(404, new SvctlError('METHOD_NOT_FOUND', 'WebSocket upgrades are served on /ws only'));
      return;
    }
    if (dispatcher === undefined) {
      refuse(503, notReady(), 1);
      return;
    }
    const admission = admit(request, 'ws', credentials, limiter);
    if (!admission.ok) {
      refuse(admission.status, admission.error, admission.retryAfterSeconds);
      return;
    }
    const serving = dispatcher;
    const { peer, sessionId } = admission;
    wss.handleUpgrade(request, socket, head, (ws) => {
      metrics.httpAnswered('/ws', 101);
      serveWebSocket(ws, socket, nextId++, peer, { dispatcher: serving, logger, limits, budget, limiter, metrics });
      // A connection ends with its token (revoked) and a dashboard session's with the session (sign-out, expiry).
      const tokenName = peer.token?.name;
      const unregister = credentials.tokens.onRevoke((name) => {
        if (name === tokenName) ws.close(1008, 'token revoked');
      });
      ws.once('close', unregister);
      if (sessionId !== undefined) ws.once('close', credentials.sessions.onEnd(sessionId, () => ws.close(1008, 'session ended')));
    });
  };

  const server = plan.tls === undefined ? http.createServer(onRequest) : createHttpsServer(plan.tls, onRequest);
  server.on('upgrade', onUpgrade);
  // Total connections, WebSockets included (an upgraded socket stays counted until it closes).
  server.maxConnections = settings.http_max_connections;
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_error, socket: net.Socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new SvctlError('DAEMON_START_FAILED', `the gateway cannot listen on ${settings.http_listen}: ${error.code ?? error.message}`, { cause: error })),
    );
    server.listen({ host: plan.address.host, port: plan.address.port }, resolve);
  });
  server.on('error', (error) => logger.error({ err: error }, 'gateway server error'));
  logger.info({ listen: settings.http_listen, port: (server.address() as net.AddressInfo).port, tls: plan.tls !== undefined }, 'gateway listening');
  return {
    port: (server.address() as net.AddressInfo).port,
    ready: (serving) => {
      dispatcher = serving;
    },
    reloadTls: () => {
      if (plan.tls === undefined) return false;
      const files = plan.tls;
      try {
        (server as https.Server).setSecureContext(readTls(files));
      } catch (error) {
        throw error instanceof SvctlError ? error : new SvctlError('CONFIG_INVALID', `the gateway certificate was not reloaded: ${notAPemPair(files, error)}`);
      }
      logger.info({ cert: files.cert }, 'gateway certificate reloaded');
      return true;
    },
    close: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/** A certificate and key that are not a valid PEM pair are named, as a bad setting (exit 2), not left to OpenSSL's words alone. */
function createHttpsServer(files: TlsFiles, onRequest: http.RequestListener): https.Server {
  const pair = readTls(files);
  try {
    return https.createServer(pair, onRequest);
  } catch (error) {
    throw new SvctlError('CONFIG_INVALID', notAPemPair(files, error));
  }
}

function notAPemPair(files: TlsFiles, error: unknown): string {
  return `http_tls_cert ${files.cert} and http_tls_key ${files.key} are not a valid PEM certificate and its private key: ${(error as Error).message}`;
}

function readTls(files: TlsFiles): { cert: Buffer; key: Buffer } {
  try {
    return { cert: fs.readFileSync(files.cert), key: fs.readFileSync(files.key) };
  } catch (error) {
    throw new SvctlError('CONFIG_INVALID', `cannot read the gateway's TLS files (http_tls_cert ${files.cert}, http_tls_key ${files.key}): ${(error as Error).message}`);
  }
}

function notReady(): SvctlError {
  return new SvctlError('NOT_READY', 'the daemon is still starting (crash recovery or resurrection); retry shortly');
}
