// The dashboard's session cookie and the checks that go with a cookie-authenticated request:
// the CSRF token (header X-CSRF-Token on HTTP, query parameter `csrf` on the WebSocket upgrade)
// and the Origin, which a browser always sends and a cross-site page cannot forge.
import type http from 'node:http';
import type tls from 'node:tls';
import { SESSION_TTL_MS } from '../auth/session-store.js';

export const SESSION_COOKIE = 'svctl_session';
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_QUERY = 'csrf';

/** The session id the request's cookie carries, if any. */
export function sessionIdOf(request: http.IncomingMessage): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE && value.length > 0) return value.join('=');
  }
  return undefined;
}

/**
 * Set-Cookie for a new session: never readable by scripts, sent only over HTTPS, only to this site, and
 * gone when the session expires (`Max-Age`, and `Expires` at the same instant for clients that know only it).
 */
export function sessionCookie(id: string, expiresAt: number): string {
  return `${SESSION_COOKIE}=${id}; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=${SESSION_TTL_MS / 1000}; Expires=${new Date(expiresAt).toUTCString()}`;
}

/** Set-Cookie that removes the cookie (sign-out). */
export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=0; Expires=${new Date(0).toUTCString()}`;
}

/** The CSRF token the request presents: the header, or on a WebSocket upgrade the query parameter. */
export function presentedCsrf(request: http.IncomingMessage, transport: 'http' | 'ws'): string | undefined {
  if (transport === 'http') {
    const header = request.headers[CSRF_HEADER];
    return typeof header === 'string' ? header : undefined;
  }
  return new URL(request.url ?? '/', 'http://x').searchParams.get(CSRF_QUERY) ?? undefined;
}

/** Whether a cookie-authenticated request needs the CSRF token: every WebSocket upgrade, and every HTTP request but GET/HEAD. */
export function needsCsrf(request: http.IncomingMessage, transport: 'http' | 'ws'): boolean {
  return transport === 'ws' || (request.method !== 'GET' && request.method !== 'HEAD');
}

/**
 * Whether the request's Origin is this listener itself. Required on WebSocket upgrades (browsers always
 * send it, and WebSockets are not bound by the same-origin policy); on HTTP, checked when present.
 */
export function sameOrigin(request: http.IncomingMessage, transport: 'http' | 'ws'): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return transport === 'http';
  const scheme = (request.socket as tls.TLSSocket).encrypted === true ? 'https:' : 'http:';
  try {
    const url = new URL(origin);
    return url.protocol === scheme && url.host === request.headers.host;
  } catch {
    return false;
  }
}
