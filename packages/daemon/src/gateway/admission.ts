// Who is asking, and may they ask now: a bearer token (constant-time lookup in the token store) or,
// without one, a dashboard session cookie (with its CSRF token and Origin checks); then the rate
// limit of that token (of the address, without a known token).
import type http from 'node:http';
import { SvctlError, type Role } from '@svctl/protocol';
import { csrfMatches, type Session, type SessionStore } from '../auth/session-store.js';
import type { TokenStore } from '../auth/token-store.js';
import type { Peer } from '../rpc/connection.js';
import type { RateLimiter } from './rate-limiter.js';
import { needsCsrf, presentedCsrf, sameOrigin, sessionIdOf } from './session-cookie.js';

export interface Credentials {
  readonly tokens: TokenStore;
  readonly sessions: SessionStore;
}

export type Admission =
  /** sessionId: set when a dashboard session cookie admitted the request (its connections end with it). */
  | { ok: true; peer: Peer; sessionId?: string }
  | { ok: false; status: 401 | 403 | 429; error: SvctlError; retryAfterSeconds?: number };

type Transport = Exclude<Peer['transport'], 'unix'>;

export function admit(request: http.IncomingMessage, transport: Transport, credentials: Credentials, limiter: RateLimiter): Admission {
  const address = request.socket.remoteAddress ?? 'unknown';
  const caller = callerOf(request, credentials);
  const token = caller.token;
  const wait = limiter.take(token === undefined ? `address ${address}` : `token ${token.name}`);
  if (wait > 0) return { ok: false, status: 429, error: rateLimited(wait), retryAfterSeconds: wait };
  if (token === undefined) {
    return { ok: false, status: 401, error: new SvctlError('UNAUTHORIZED', `the request carries ${caller.missing}`, { hint: 'svctl token create NAME --role read makes one' }) };
  }
  const peer: Peer = { transport, address, token: { name: token.name, role: token.role } };
  if (caller.session === undefined) return { ok: true, peer };
  const refused = crossSiteRefusal(request, transport, caller.session);
  if (refused !== undefined) return { ok: false, status: 403, error: refused };
  return { ok: true, peer, sessionId: caller.sessionId };
}

export function rateLimited(waitSeconds: number): SvctlError {
  return new SvctlError('RATE_LIMITED', `too many requests: retry after ${waitSeconds} s (settings http_rate, http_burst)`);
}

type Caller =
  | { token: { name: string; role: Role }; session?: undefined }
  | { token: { name: string; role: Role }; session: Session; sessionId: string }
  | { token: undefined; session?: undefined; missing: string };

/** A bearer token wins; without one, the session cookie. */
function callerOf(request: http.IncomingMessage, { tokens, sessions }: Credentials): Caller {
  const presented = bearerOf(request.headers.authorization);
  if (presented !== undefined) {
    const token = tokens.verify(presented);
    return token === undefined ? { token: undefined, missing: 'an unknown or revoked token' } : { token };
  }
  const sessionId = sessionIdOf(request);
  if (sessionId === undefined) return { token: undefined, missing: 'no bearer token (header "Authorization: Bearer TOKEN") and no dashboard session' };
  const session = sessions.find(sessionId);
  return session === undefined ? { token: undefined, missing: 'an unknown, expired or signed-out dashboard session' } : { token: session.token, session, sessionId };
}

/** Why a cookie-authenticated request may have been sent by another site (undefined: it was not). */
function crossSiteRefusal(request: http.IncomingMessage, transport: Transport, session: Session): SvctlError | undefined {
  if (!sameOrigin(request, transport)) return new SvctlError('FORBIDDEN', `the request's Origin (${request.headers.origin ?? 'none'}) is not this dashboard`);
  if (needsCsrf(request, transport) && !csrfMatches(session, presentedCsrf(request, transport))) {
    const where = transport === 'ws' ? 'query parameter "csrf"' : 'header "X-CSRF-Token"';
    return new SvctlError('FORBIDDEN', `a request with a session cookie needs the session's CSRF token (${where})`);
  }
  return undefined;
}

function bearerOf(header: string | undefined): string | undefined {
  const match = /^Bearer +(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
