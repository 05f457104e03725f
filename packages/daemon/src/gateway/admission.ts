// Who is asking, and may they ask now: the bearer token (constant-time lookup in the token store),
// then the rate limit of that token (of the address, without a known token).
import type http from 'node:http';
import { SvctlError } from '@svctl/protocol';
import type { TokenStore } from '../auth/token-store.js';
import type { Peer } from '../rpc/connection.js';
import type { RateLimiter } from './rate-limiter.js';

export type Admission =
  | { ok: true; peer: Peer }
  | { ok: false; status: 401 | 429; error: SvctlError; retryAfterSeconds?: number };

export function admit(request: http.IncomingMessage, transport: Peer['transport'], tokens: TokenStore, limiter: RateLimiter): Admission {
  const address = request.socket.remoteAddress ?? 'unknown';
  const presented = bearerOf(request.headers.authorization);
  const token = presented === undefined ? undefined : tokens.verify(presented);
  const wait = limiter.take(token === undefined ? `address ${address}` : `token ${token.name}`);
  if (wait > 0) return { ok: false, status: 429, error: rateLimited(wait), retryAfterSeconds: wait };
  if (token === undefined) {
    const why = presented === undefined ? 'no bearer token (header "Authorization: Bearer TOKEN")' : 'an unknown or revoked token';
    return { ok: false, status: 401, error: new SvctlError('UNAUTHORIZED', `the request carries ${why}`, { hint: 'svctl token create NAME --role read makes one' }) };
  }
  return { ok: true, peer: { transport, address, token } };
}

export function rateLimited(waitSeconds: number): SvctlError {
  return new SvctlError('RATE_LIMITED', `too many requests: retry after ${waitSeconds} s (settings http_rate, http_burst)`);
}

function bearerOf(header: string | undefined): string | undefined {
  const match = /^Bearer +(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
