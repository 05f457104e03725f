// The gateway's HTTP routes, one table: each route says who may call it. Helpers of other features
// (metrics, API docs, the dashboard) add entries here; gateway.ts only looks them up.
import type http from 'node:http';
import { SVCTL_VERSION } from '@svctl/protocol';
import type { Logger } from 'pino';
import type { MetricsRecorder } from '../metrics/recorder.js';
import type { Peer } from '../rpc/connection.js';
import type { Dispatcher } from '../rpc/dispatcher.js';
import type { Credentials } from './admission.js';
import { dashboardRoutes } from './dashboard-routes.js';
import { docsRoutes } from './docs-routes.js';
import { fleetRoute } from './fleet-route.js';
import { sendJson } from './http-reply.js';
import { logDownloadRoute } from './log-download-route.js';
import type { PartialBudget } from '../rpc/partial-budget.js';
import { logFilesRoute } from './log-files-route.js';
import { serveMetrics } from './metrics-route.js';
import { serveRpcRequest } from './rpc-route.js';
import { sessionRoutes } from './session-routes.js';

/**
 * `open`: no token, rate-limited per address; `token`: a bearer token or a dashboard session cookie (with its
 * CSRF token on mutating requests), rate-limited per token, only once the daemon is ready.
 */
export type RouteAccess = 'open' | 'token';

export interface RouteContext {
  readonly request: http.IncomingMessage;
  readonly response: http.ServerResponse;
  /** The authenticated caller (routes with access `token`). */
  readonly peer: Peer | undefined;
  /** Set once the daemon has finished start-up (always set for `token` routes). */
  readonly dispatcher: Dispatcher | undefined;
  readonly connectionId: number;
}

/** What a `token` route is served with: the gateway admits it only with a caller, once the daemon is ready. */
export interface TokenRouteContext extends RouteContext {
  readonly peer: Peer;
  readonly dispatcher: Dispatcher;
}

export interface RouteServices {
  readonly startedAt: Date;
  readonly maxBatch: number;
  /** Bytes of /rpc bodies being received, all clients together (setting rpc_max_partial_total). */
  readonly bodies: PartialBudget;
  readonly metrics: MetricsRecorder;
  /** Setting http_metrics_public: GET /metrics without a token. */
  readonly metricsPublic: boolean;
  readonly logger: Logger;
  readonly credentials: Credentials;
}

interface RouteBase {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly path: string;
}

export type Route = (RouteBase & { readonly access: 'open'; serve(context: RouteContext): void }) | (RouteBase & { readonly access: 'token'; serve(context: TokenRouteContext): void });

export function gatewayRoutes(services: RouteServices): Route[] {
  return [
    {
      method: 'GET',
      path: '/healthz',
      access: 'open',
      serve: ({ response }) => {
        const uptimeMs = Date.now() - services.startedAt.getTime();
        sendJson(response, 200, { status: 'ok', version: SVCTL_VERSION, uptime: Math.floor(uptimeMs / 1000), uptime_ms: uptimeMs });
      },
    },
    {
      method: 'GET',
      path: '/readyz',
      access: 'open',
      serve: ({ response, dispatcher }) => sendJson(response, dispatcher === undefined ? 503 : 200, { ready: dispatcher !== undefined }),
    },
    {
      method: 'POST',
      path: '/rpc',
      access: 'token',
      serve: ({ request, response, dispatcher, peer, connectionId }: TokenRouteContext) =>
        serveRpcRequest(request, response, { dispatcher, peer, id: connectionId, maxBatch: services.maxBatch, bodies: services.bodies }),
    },
    ...docsRoutes(),
    {
      method: 'GET',
      path: '/metrics',
      // Any known token: both roles read (the `read` role lists "metrics").
      access: services.metricsPublic ? 'open' : 'token',
      serve: ({ response }: RouteContext) => serveMetrics(response, services.metrics, services.logger),
    },
    ...sessionRoutes(services.credentials),
    ...dashboardRoutes(),
    fleetRoute(),
    logDownloadRoute(),
    logFilesRoute(),
  ];
}

/** The route for a method and path, or the HTTP status that says why there is none (404 or 405). HEAD is
 * served by the GET route (Node sends the headers only), as HTTP asks of every server. */
export function findRoute(routes: readonly Route[], method: string, path: string): Route | 404 | 405 {
  const onPath = routes.filter((route) => route.path === path);
  if (onPath.length === 0) return 404;
  const asked = method === 'HEAD' ? 'GET' : method;
  return onPath.find((route) => route.method === asked) ?? 405;
}

/** The methods a path answers to, for the Allow header every 405 must carry (RFC 9110); HEAD wherever GET is. */
export function allowedMethods(routes: readonly Route[], path: string): string {
  const methods = routes.filter((route) => route.path === path).map((route) => route.method);
  return [...methods, ...(methods.includes('GET') ? ['HEAD'] : [])].join(', ');
}
