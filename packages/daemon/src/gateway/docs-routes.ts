// GET /openrpc.json, /openapi.json and /docs (Swagger UI) with its files: the API documents generated from
// the protocol (scripts/generate-api-docs.ts), copied with the page into dist/api-docs by the bundle step.
// Open routes (no token: they describe the API, not the machine; docs/api.md). Each file is streamed from
// disk when asked for, so the daemon holds none of it in memory.
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { SvctlError } from '@svctl/protocol';
import { sendError } from './http-reply.js';
import type { Route } from './routes.js';

/** Next to the bundle (dist/svctld.mjs): dist/api-docs. */
const DOCS_FOLDER = fileURLToPath(new URL('./api-docs/', import.meta.url));

/** Only from the daemon itself, nothing inline: Swagger UI starts from docs/init.js. */
export const DOCS_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const DOCS_FILES: ReadonlyArray<{ path: string; file: string; type: string }> = [
  { path: '/openrpc.json', file: 'openrpc.json', type: 'application/json' },
  { path: '/openapi.json', file: 'openapi.json', type: 'application/json' },
  { path: '/docs', file: 'index.html', type: 'text/html; charset=utf-8' },
  { path: '/docs/init.js', file: 'init.js', type: 'text/javascript; charset=utf-8' },
  { path: '/docs/swagger-ui-bundle.js', file: 'swagger-ui-bundle.js', type: 'text/javascript; charset=utf-8' },
  { path: '/docs/swagger-ui.css', file: 'swagger-ui.css', type: 'text/css; charset=utf-8' },
  { path: '/docs/favicon.png', file: 'favicon.png', type: 'image/png' },
];

export function docsRoutes(folder = DOCS_FOLDER): Route[] {
  return DOCS_FILES.map(({ path: route, file, type }) => ({
    method: 'GET',
    path: route,
    access: 'open',
    serve: ({ response }) => void serveFile(response, path.join(folder, file), type),
  }));
}

async function serveFile(response: http.ServerResponse, file: string, type: string): Promise<void> {
  let size: number;
  try {
    size = (await fs.promises.stat(file)).size;
  } catch {
    sendError(response, 500, new SvctlError('INTERNAL', `the API docs are not installed: ${file} is missing (the daemon package's dist/api-docs is made by the bundle step)`));
    return;
  }
  response.writeHead(200, {
    'content-type': type,
    'content-length': size,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    'content-security-policy': DOCS_CSP,
    // As the dashboard's (dashboard-headers.ts): no framing (also for browsers without CSP), no Referer.
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
  });
  // A client that goes away mid-file ends the stream; nothing to answer then.
  await pipeline(fs.createReadStream(file), response).catch(() => response.destroy());
}
