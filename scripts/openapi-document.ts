// The OpenAPI 3.1 document of the gateway's HTTP endpoints (docs/openapi.json, served at GET /openapi.json).
// POST /rpc carries every JSON-RPC method: its body is one of the per-method request schemas (components
// `<method>.request`, with an example each), and the description lists every method with its role.
import { AppsList, ERROR_NAMES, MAX_FRAME_BYTES, SVCTL_VERSION } from '../packages/protocol/src/index.js';
import { SESSION_COOKIE } from '../packages/daemon/src/gateway/session-cookie.js';
import { methodFacts, methodTable, roleText, type JsonSchema, type MethodFacts } from './api-methods.js';


const ref = (kind: string, name: string) => ({ $ref: `#/components/${kind}/${name}` });
const json = (schema: JsonSchema) => ({ 'application/json': { schema } });
const BEARER = [{ bearer: [] }];
const SESSION = [{ session: [] }];
/** Open routes are rate-limited per client address. */
const OPEN_ROUTE = { 429: ref('responses', 'RateLimited') };
const TOKEN_ROUTE = { 401: ref('responses', 'Unauthorized'), 429: ref('responses', 'RateLimited'), 503: ref('responses', 'NotReady') };

export function openApiDocument(): JsonSchema {
  const methods = methodFacts();
  return {
    openapi: '3.1.0',
    info: {
      title: 'svctl gateway',
      version: SVCTL_VERSION,
      summary: 'HTTP(S) and WebSocket access to the svctl daemon: JSON-RPC, health, metrics and these documents.',
      description: infoDescription(methods),
      license: { name: 'MIT', identifier: 'MIT' },
    },
    tags: [
      { name: 'json-rpc', description: 'The JSON-RPC methods (openrpc.json describes each in full).' },
      { name: 'health', description: 'Liveness and readiness, without a token.' },
      { name: 'monitoring', description: 'Prometheus metrics.' },
      { name: 'documentation', description: 'These documents and the /docs page, without a token.' },
      { name: 'dashboard', description: 'The web dashboard (docs/dashboard.md): its page, sign-in sessions and log downloads.' },
    ],
    paths: {
      '/rpc': {
        post: {
          tags: ['json-rpc'],
          operationId: 'rpc',
          summary: 'One JSON-RPC request or a batch',
          description: `The body is one request or an array of them (at most \`rpc_max_batch\`), at most ${MAX_FRAME_BYTES} bytes. Errors of the methods come inside a 200 answer, as on the socket. Streaming methods need /ws (here: INVALID_REQUEST).`,
          security: BEARER,
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { oneOf: [ref('schemas', 'Request'), { type: 'array', minItems: 1, items: ref('schemas', 'Request') }] }, examples: requestExamples(methods) } },
          },
          responses: {
            200: { description: 'The JSON-RPC answer (an array for a batch).', content: json({ oneOf: [ref('schemas', 'Response'), { type: 'array', items: ref('schemas', 'Response') }] }) },
            204: { description: 'The body held notifications only (requests without an id): run, not answered.' },
            400: { description: 'The body is not JSON, or an empty or oversized batch.', content: json(ref('schemas', 'ErrorResponse')) },
            403: { description: "A single request the token's role does not allow (FORBIDDEN).", content: json(ref('schemas', 'ErrorResponse')) },
            413: { description: `A body over ${MAX_FRAME_BYTES} bytes (FRAME_TOO_LARGE); the connection closes.`, content: json(ref('schemas', 'ErrorResponse')) },
            ...TOKEN_ROUTE,
            503: {
              description: 'The daemon is still starting (NOT_READY), or the unfinished bodies of all clients would pass `rpc_max_partial_total` (LIMIT_EXCEEDED; the connection closes).',
              headers: { 'Retry-After': ref('headers', 'Retry-After') },
              content: json(ref('schemas', 'ErrorResponse')),
            },
          },
        },
      },
      '/ws': {
        get: {
          tags: ['json-rpc'],
          operationId: 'ws',
          summary: 'A WebSocket carrying JSON-RPC, streams included',
          description: `Upgrade to a WebSocket (the token on the upgrade request). Each message is one JSON-RPC request or batch; answers and \`$/subscription\` notifications come back as on the socket. A message over ${MAX_FRAME_BYTES} bytes closes the connection (code 1009); each message takes one from the token's rate limit (over it: a RATE_LIMITED error answer, the connection stays open).`,
          security: BEARER,
          responses: { 101: { description: 'Switching to the WebSocket protocol.' }, ...TOKEN_ROUTE },
        },
      },
      '/healthz': {
        get: {
          tags: ['health'],
          operationId: 'healthz',
          summary: 'Liveness: the event loop answers',
          security: [],
          responses: { 200: { description: 'Alive.', content: json({ type: 'object', required: ['status', 'version', 'uptime', 'uptime_ms'], properties: { status: { const: 'ok' }, version: { type: 'string' }, uptime: { type: 'integer', minimum: 0, description: 'Whole seconds since the daemon started.' }, uptime_ms: { type: 'integer', minimum: 0 } } }) }, ...OPEN_ROUTE },
        },
      },
      '/readyz': {
        get: {
          tags: ['health'],
          operationId: 'readyz',
          summary: 'Readiness: start-up (crash recovery, resurrection) is done',
          security: [],
          responses: {
            200: { description: 'Ready: /rpc and /ws are served.', content: json(ref('schemas', 'Readiness')) },
            503: { description: 'Still starting.', content: json(ref('schemas', 'Readiness')) },
            ...OPEN_ROUTE,
          },
        },
      },
      '/metrics': {
        get: {
          tags: ['monitoring'],
          operationId: 'metrics',
          summary: 'Prometheus metrics',
          description: 'Prometheus text format: per instance status, restarts, uptime, CPU, memory and probe health; RPC and HTTP requests; the daemon process. Needs a `read` token, or none when `http_metrics_public` is set.',
          security: [...BEARER, {}],
          responses: { 200: { description: 'The metrics.', content: { 'text/plain; version=0.0.4': { schema: { type: 'string' } } } }, 403: ref('responses', 'Forbidden'), ...TOKEN_ROUTE },
        },
      },
      '/openrpc.json': documentRoute('openrpc', 'The OpenRPC document of every JSON-RPC method', 'application/json'),
      '/openapi.json': documentRoute('openapi', 'This OpenAPI document', 'application/json'),
      '/docs': documentRoute('docs', 'This reference as a page (Swagger UI, served by the daemon; its scripts and styles under /docs/)', 'text/html'),
      '/': { get: { tags: ['dashboard'], operationId: 'dashboard', summary: 'The web dashboard page (its script and styles under /assets/); it holds no data', security: [], responses: { 200: { description: 'The page.', content: { 'text/html': {} } }, ...OPEN_ROUTE } } },
      '/session': {
        post: {
          tags: ['dashboard'],
          operationId: 'signIn',
          summary: 'Sign in: a token for a session cookie',
          description: `The token is exchanged for an HttpOnly, Secure, SameSite=Strict cookie \`${SESSION_COOKIE}\` and a CSRF token that mutating requests with the cookie carry in \`X-CSRF-Token\`.`,
          security: [],
          requestBody: { required: true, content: json({ type: 'object', required: ['token'], properties: { token: { type: 'string' } } }) },
          responses: { 201: { description: 'Signed in.', content: json(ref('schemas', 'Session')) }, 400: { description: 'No token in the body.', content: json(ref('schemas', 'ErrorResponse')) }, 401: ref('responses', 'Unauthorized'), 403: ref('responses', 'Forbidden'), ...OPEN_ROUTE },
        },
        get: { tags: ['dashboard'], operationId: 'session', summary: 'The current session (and its CSRF token)', security: SESSION, responses: { 200: { description: 'The session.', content: json(ref('schemas', 'Session')) }, ...TOKEN_ROUTE } },
        delete: { tags: ['dashboard'], operationId: 'signOut', summary: 'Sign out: ends the session on the daemon', security: SESSION, responses: { 200: { description: 'Signed out.', content: json({ type: 'object', required: ['ended'], properties: { ended: { type: 'boolean' } } }) }, 403: ref('responses', 'Forbidden'), ...TOKEN_ROUTE } },
      },
      '/fleet': {
        get: {
          tags: ['dashboard'],
          operationId: 'fleet',
          summary: "apps.list's result over a GET, for the dashboard's first render",
          description: 'The same method through the same dispatcher as POST /rpc; a GET so that the page\'s HTML can ask for it (`<link rel="preload">`) while its script loads.',
          security: [...BEARER, ...SESSION],
          responses: {
            200: { description: "apps.list's result: one row per instance of every app.", content: json(AppsList.result as JsonSchema) },
            ...TOKEN_ROUTE,
          },
        },
      },
      '/logs/download': {
        get: {
          tags: ['dashboard'],
          operationId: 'downloadLog',
          summary: "One instance's current log file, or one of its rotated files, as an attachment",
          security: [...BEARER, ...SESSION],
          parameters: [
            { name: 'app', in: 'query', required: true, schema: { type: 'string' } },
            { name: 'stream', in: 'query', required: true, schema: { enum: ['out', 'err'] } },
            { name: 'instance', in: 'query', required: false, schema: { type: 'integer', minimum: 0 } },
            { name: 'rotated', in: 'query', required: false, description: 'The Nth newest rotated file (1: `.1`), served as stored (`.gz` when compressed); 0 or absent: the current file.', schema: { type: 'integer', minimum: 0 } },
          ],
          responses: {
            200: { description: 'The file.', content: { 'text/plain': {}, 'application/gzip': {} } },
            403: ref('responses', 'Forbidden'),
            404: { description: 'No such app, instance or file.', content: json(ref('schemas', 'ErrorResponse')) },
            ...TOKEN_ROUTE,
          },
        },
      },
      '/logs/files': {
        get: {
          tags: ['dashboard'],
          operationId: 'listLogFiles',
          summary: "An app's log files on disk that /logs/download serves: each instance's current and rotated files per stream",
          security: [...BEARER, ...SESSION],
          parameters: [{ name: 'app', in: 'query', required: true, schema: { type: 'string' } }],
          responses: {
            200: {
              description: 'The files, newest first per stream (a file shared by instances, merge_logs, once).',
              content: json({
                type: 'object',
                required: ['files'],
                properties: {
                  files: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['instance', 'stream', 'rotated', 'name', 'compressed', 'bytes'],
                      properties: {
                        instance: { type: 'integer', minimum: 0 },
                        stream: { enum: ['out', 'err'] },
                        rotated: { type: 'integer', minimum: 0, description: '0: the current file; N: the Nth newest rotated one.' },
                        name: { type: 'string', description: "The file's name (no folder)." },
                        compressed: { type: 'boolean' },
                        bytes: { type: 'integer', minimum: 0 },
                      },
                    },
                  },
                },
              }),
            },
            403: ref('responses', 'Forbidden'),
            404: { description: 'No such app.', content: json(ref('schemas', 'ErrorResponse')) },
            ...TOKEN_ROUTE,
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A token from `svctl token create NAME --role read|admin` (printed once), sent as `Authorization: Bearer TOKEN`.' },
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'A dashboard session from POST /session; mutating requests also carry its CSRF token in `X-CSRF-Token`.' },
      },
      headers: { 'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer', minimum: 1 } } },
      responses: {
        Unauthorized: { description: 'No bearer token, or one the daemon does not know (UNAUTHORIZED).', content: json(ref('schemas', 'ErrorResponse')) },
        Forbidden: { description: "The token's role does not allow this (FORBIDDEN).", content: json(ref('schemas', 'ErrorResponse')) },
        RateLimited: {
          description: 'Over the rate limit of the token (of the client address without one): settings http_rate, http_burst (RATE_LIMITED).',
          headers: { 'Retry-After': ref('headers', 'Retry-After') },
          content: json(ref('schemas', 'ErrorResponse')),
        },
        NotReady: { description: 'The daemon is still starting (NOT_READY).', headers: { 'Retry-After': ref('headers', 'Retry-After') }, content: json(ref('schemas', 'ErrorResponse')) },
      },
      schemas: { ...envelopeSchemas(methods), ...Object.fromEntries(methods.flatMap(methodSchemas)) },
    },
  };
}

function documentRoute(operationId: string, summary: string, type: string): JsonSchema {
  return { get: { tags: ['documentation'], operationId, summary, security: [], responses: { 200: { description: summary, content: { [type]: {} } }, ...OPEN_ROUTE } } };
}

function infoDescription(methods: MethodFacts[]): string {
  return [
    'The JSON-RPC 2.0 methods of svctld over the network; the same methods, validation and handlers as on the Unix socket.',
    'A token (`svctl token create NAME --role read|admin`) is needed for /rpc, /ws and /metrics; `read` tokens call the methods marked read. The full method schemas are in [openrpc.json](openrpc.json).',
    '',
    methodTable(methods),
  ].join('\n');
}

function requestExamples(methods: MethodFacts[]): JsonSchema {
  return Object.fromEntries(methods.map((method) => [method.name, { summary: `${method.name} (${method.role})`, value: { jsonrpc: '2.0', id: 1, method: method.name, params: method.example } }]));
}

function envelopeSchemas(methods: MethodFacts[]): JsonSchema {
  const id = { type: ['string', 'number', 'null'], description: 'Echoed in the answer; absent for a notification.' };
  return {
    Request: { oneOf: methods.map((method) => ref('schemas', `${method.name}.request`)) },
    Response: {
      type: 'object',
      required: ['jsonrpc', 'id'],
      properties: { jsonrpc: { const: '2.0' }, id, result: { description: 'The result of the method (`<method>.result`).' }, error: ref('schemas', 'Error') },
    },
    ErrorResponse: { type: 'object', required: ['jsonrpc', 'id', 'error'], properties: { jsonrpc: { const: '2.0' }, id, error: ref('schemas', 'Error') } },
    Error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'integer' },
        message: { type: 'string' },
        data: { type: 'object', properties: { name: { enum: ERROR_NAMES }, details: {}, hint: { type: 'string' } } },
      },
    },
    Readiness: { type: 'object', required: ['ready'], properties: { ready: { type: 'boolean' } } },
    Session: {
      type: 'object',
      required: ['token', 'role', 'csrf', 'expires_at'],
      properties: { token: { type: 'string', description: "The token's name." }, role: { enum: ['read', 'admin'] }, csrf: { type: 'string' }, expires_at: { type: 'string', format: 'date-time' } },
    },
  };
}

function methodSchemas(method: MethodFacts): Array<[string, JsonSchema]> {
  const request = {
    type: 'object',
    title: method.name,
    description: `${method.description}\n\nRole: ${roleText(method)}.`,
    required: ['jsonrpc', 'method'],
    properties: { jsonrpc: { const: '2.0' }, id: { type: ['string', 'number'] }, method: { const: method.name }, params: method.params },
  };
  const schemas: Array<[string, JsonSchema]> = [[`${method.name}.request`, request], [`${method.name}.result`, method.result]];
  if (method.item !== undefined) schemas.push([`${method.name}.item`, method.item]);
  return schemas;
}
