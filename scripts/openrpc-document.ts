// The OpenRPC 1.3 document of every JSON-RPC method (docs/openrpc.json, served at GET /openrpc.json):
// params by name, result, the streamed item (x-svctl-stream-item), the role (x-svctl-role and a tag)
// and the errors, all from the protocol package.
import { ERROR_CATALOGUE, ERROR_NAMES, MAX_FRAME_BYTES, PROTOCOL_VERSION, SUBSCRIPTION_NOTIFICATION, type ErrorName } from '../packages/protocol/src/index.js';
import { methodFacts, type JsonSchema, type MethodFacts } from './api-methods.js';

/** Errors any call may get; each method adds FORBIDDEN (needs admin) and SLOW_CONSUMER (streams). */
const EVERY_CALL: readonly ErrorName[] = ['INVALID_PARAMS', 'INTERNAL', 'SHUTTING_DOWN'];

export function openRpcDocument(): JsonSchema {
  return {
    openrpc: '1.3.2',
    info: {
      title: 'svctl daemon JSON-RPC API',
      version: PROTOCOL_VERSION,
      description: [
        'JSON-RPC 2.0 methods of the svctl daemon (svctld), the same on every transport: the Unix socket `$SVCTL_HOME/daemon.sock`',
        '(one JSON message per line), and the network gateway (`POST /rpc`, `GET /ws`; see openapi.json).',
        `Params are by name; unknown params are INVALID_PARAMS. A message is at most ${MAX_FRAME_BYTES} bytes.`,
        'The connection starts with `daemon.hello`. `x-svctl-role` is the role a gateway token needs (the Unix socket allows every method).',
        `Streaming methods answer \`{ subscription }\`, then send each item (\`x-svctl-stream-item\`) as a \`${SUBSCRIPTION_NOTIFICATION}\` notification`,
        '`{ subscription, item }`, ending with `{ subscription, end: true }` (and an `error` when the daemon cut it off); they need the socket or `GET /ws`.',
        'Every error carries `data.name`, a stable name from the catalogue (components.errors; docs/errors.md).',
      ].join(' '),
      license: { name: 'MIT' },
    },
    servers: [
      { name: 'unix', url: 'unix:$SVCTL_HOME/daemon.sock', summary: 'The Unix socket (its file mode admits only its owner).' },
      { name: 'http', url: '{scheme}://{address}/rpc', summary: 'The gateway, one request or batch per HTTP request (no streams).', variables: { scheme: { default: 'https', enum: ['https', 'http'] }, address: { default: '127.0.0.1:9615' } } },
      { name: 'websocket', url: '{scheme}://{address}/ws', summary: 'The gateway over a WebSocket (streams too).', variables: { scheme: { default: 'wss', enum: ['wss', 'ws'] }, address: { default: '127.0.0.1:9615' } } },
    ],
    methods: methodFacts().map(methodObject),
    components: {
      errors: Object.fromEntries(ERROR_NAMES.map((name) => [name, { code: ERROR_CATALOGUE[name].code, message: ERROR_CATALOGUE[name].description, data: { name } }])),
      tags: {
        read: { name: 'read', description: 'A `read` token may call it.' },
        admin: { name: 'admin', description: 'Needs an `admin` token; audited in the daemon log.' },
        stream: { name: 'stream', description: `Opens a subscription: items arrive as ${SUBSCRIPTION_NOTIFICATION} notifications (socket or GET /ws only).` },
      },
    },
  };
}

function methodObject(method: MethodFacts): JsonSchema {
  const properties = (method.params.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((method.params.required ?? []) as string[]);
  const errors: ErrorName[] = [...EVERY_CALL];
  if (method.role === 'admin' || method.adminParams.length > 0) errors.push('FORBIDDEN');
  if (method.item !== undefined) errors.push('SLOW_CONSUMER');
  const tags = [method.role, ...(method.item === undefined ? [] : ['stream'])];
  return {
    name: method.name,
    summary: method.summary,
    description: method.description,
    tags: tags.map((tag) => ({ $ref: `#/components/tags/${tag}` })),
    paramStructure: 'by-name',
    params: Object.entries(properties).map(([name, schema]) => ({
      name,
      ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
      required: required.has(name),
      schema,
    })),
    result: { name: 'result', schema: method.result },
    errors: errors.map((name) => ({ $ref: `#/components/errors/${name}` })),
    'x-svctl-role': method.role,
    ...(method.adminParams.length === 0 ? {} : { 'x-svctl-admin-params': method.adminParams }),
    ...(method.item === undefined ? {} : { 'x-svctl-stream-item': { name: 'item', schema: method.item } }),
  };
}
