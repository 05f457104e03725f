// http_listen → host and port, and the rule that keeps the gateway off the network unless it is safe:
// a non-loopback address needs TLS and at least one token.
import net from 'node:net';
import { SvctlError } from '@svctl/protocol';

export interface ListenAddress {
  host: string;
  port: number;
}

export function parseListenAddress(text: string): ListenAddress {
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+)):([0-9]{1,5})$/.exec(text);
  const port = Number(match?.[3]);
  if (match === null || port > 65535) throw new SvctlError('CONFIG_INVALID', `invalid http_listen ${JSON.stringify(text)}: expected HOST:PORT, e.g. 127.0.0.1:9615 or [::1]:9615`);
  return { host: match[1] ?? match[2] ?? '', port };
}

export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (net.isIPv4(host)) return host.startsWith('127.');
  return host === '::1';
}

/** Refuses a non-loopback address unless TLS and a token are configured, saying exactly what is missing. */
export function checkExposure(address: ListenAddress, tls: boolean, tokenCount: number): void {
  if (isLoopback(address.host)) return;
  const missing = [...(tls ? [] : ['TLS (settings http_tls_cert and http_tls_key)']), ...(tokenCount > 0 ? [] : ['at least one token (svctl token create NAME --role read)'])];
  if (missing.length === 0) return;
  throw new SvctlError(
    'CONFIG_INVALID',
    `refusing to listen on ${address.host}:${address.port}: a non-loopback address needs TLS and at least one token; missing ${missing.join(' and ')}`,
    { hint: 'configure both, or listen on a loopback address such as 127.0.0.1:9615' },
  );
}
