// Writing gateway answers: JSON bodies, and JSON-RPC errors with the HTTP status that goes with them.
import type http from 'node:http';
import type { SvctlError } from '@svctl/protocol';
import { errorResponse } from '../rpc/dispatcher.js';

export function sendJson(response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', ...headers });
  response.end(text);
}

export function sendError(response: http.ServerResponse, status: number, error: SvctlError, retryAfterSeconds?: number, headers: Record<string, string> = {}): void {
  sendJson(response, status, errorResponse(null, error), retryAfterSeconds === undefined ? headers : { ...headers, 'retry-after': String(retryAfterSeconds) });
}
