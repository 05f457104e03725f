// One structured daemon-log line per mutating request, whatever the transport (docs/api.md "Audit").
// Never the token, never params beyond the target: env values must not reach the log.
import { isObject, type ResponseMessage } from '@svctl/protocol';
import type { Logger } from 'pino';
import type { Peer } from './connection.js';

const TARGET_KEYS = ['target', 'app', 'name', 'file'] as const;

export function audit(logger: Logger, peer: Peer, method: string, params: unknown, response: ResponseMessage | undefined): void {
  const outcome = response !== undefined && 'error' in response ? (response.error.data?.name ?? String(response.error.code)) : 'ok';
  logger.info(
    { event: 'audit', transport: peer.transport, peer: peer.address, token: peer.token?.name ?? null, method, target: targetOf(params), outcome },
    `audit: ${method} ${outcome}`,
  );
}

/** The first of target, app, name or file that is a string; null when none is. */
function targetOf(params: unknown): string | null {
  if (!isObject(params)) return null;
  for (const key of TARGET_KEYS) {
    const value = params[key];
    if (typeof value === 'string') return value;
  }
  return null;
}
