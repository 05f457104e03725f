// The web dashboard's page and assets (docs/dashboard.md), built by scripts/bundle.mjs into
// dist/dashboard next to the daemon's bundle. Read from disk at the first request (nothing is loaded
// while nobody looks), then kept in memory with their gzip form and an ETag. They hold no data and
// need no session: the page signs in, and every request it makes for data needs the session cookie.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { DASHBOARD_HEADERS } from './dashboard-headers.js';
import type { Route } from './routes.js';

interface Asset {
  body: Buffer;
  gzipped: Buffer;
  etag: string;
}

const FILES: ReadonlyArray<{ path: string; file: string; type: string }> = [
  { path: '/', file: 'index.html', type: 'text/html; charset=utf-8' },
  { path: '/assets/dashboard.js', file: 'assets/dashboard.js', type: 'text/javascript; charset=utf-8' },
  { path: '/assets/dashboard.css', file: 'assets/dashboard.css', type: 'text/css; charset=utf-8' },
];

export function dashboardRoutes(folder = fileURLToPath(new URL('./dashboard/', import.meta.url))): Route[] {
  const loaded = new Map<string, Asset>();
  return FILES.map(({ path, file, type }) => ({
    method: 'GET',
    path,
    access: 'open',
    serve: ({ request, response }) => {
      let asset = loaded.get(file);
      if (asset === undefined) {
        const body = readAsset(folder, file);
        if (body === undefined) {
          response.writeHead(404, { ...DASHBOARD_HEADERS, 'content-type': 'text/plain; charset=utf-8' }).end(`the dashboard is not built (${folder}${file} is missing): run npm run build\n`);
          return;
        }
        asset = { body, gzipped: zlib.gzipSync(body, { level: 9 }), etag: `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
        loaded.set(file, asset);
      }
      sendAsset(request, response, asset, type);
    },
  }));
}

function readAsset(folder: string, file: string): Buffer | undefined {
  try {
    return fs.readFileSync(`${folder}${file}`);
  } catch {
    return undefined;
  }
}

/** The asset, gzipped when the client takes it; revalidated each time (no-cache + ETag), so a new build shows at once. */
function sendAsset(request: http.IncomingMessage, response: http.ServerResponse, asset: Asset, type: string): void {
  const headers = { ...DASHBOARD_HEADERS, 'content-type': type, 'cache-control': 'no-cache', etag: asset.etag, vary: 'accept-encoding' };
  if (request.headers['if-none-match'] === asset.etag) {
    response.writeHead(304, headers).end();
    return;
  }
  const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  const body = gzip ? asset.gzipped : asset.body;
  response.writeHead(200, { ...headers, 'content-length': body.length, ...(gzip ? { 'content-encoding': 'gzip' } : {}) }).end(body);
}
