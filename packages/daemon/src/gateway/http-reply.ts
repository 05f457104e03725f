// Writing gateway answers: JSON bodies, and JSON-RPC errors with the HTTP status that goes with them.
import type http from 'node:http';
import type { SvctlError } from '@svctl/protocol';
import { errorResponse } from '../rpc/dispatcher.js';

export function sendJson(response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  // nosniff: a JSON answer (an error echoing what a client sent, say) is never rendered as a page.
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
  response.end(text);
}

/** RFC 9110 asks every 401 to name the scheme that would be accepted: RFC 6750's bearer token. */
export const BEARER_CHALLENGE = 'Bearer realm="svctl"';

export function sendError(response: http.ServerResponse, status: number, error: SvctlError, retryAfterSeconds?: number, headers: Record<string, string> = {}): void {
  const extra: Record<string, string> = { ...headers };
  if (retryAfterSeconds !== undefined) extra['retry-after'] = String(retryAfterSeconds);
  if (status === 401) extra['www-authenticate'] = BEARER_CHALLENGE;
  sendJson(response, status, errorResponse(null, error), extra);
}
