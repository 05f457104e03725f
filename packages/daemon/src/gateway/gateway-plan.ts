// Whether the gateway runs and where, checked from the settings before the daemon starts anything. Kept apart
// from gateway.ts, which the daemon imports only when this plan exists (its own bundle chunk: the idle daemon
// without http_listen never loads node:http, node:https, ws or the routes; bench/HISTORY.md, issue 9).
import { SvctlError, type Settings } from '@svctl/protocol';
import { checkExposure, parseListenAddress, type ListenAddress } from './listen-address.js';

export interface TlsFiles {
  cert: string;
  key: string;
}

export interface GatewayPlan {
  address: ListenAddress;
  tls: TlsFiles | undefined;
}

/** Checks the settings (before the daemon starts anything): undefined when the gateway is off. */
export function gatewayPlanOf(settings: Settings, tokenCount: number): GatewayPlan | undefined {
  if (settings.http_listen === '') return undefined;
  const address = parseListenAddress(settings.http_listen);
  if ((settings.http_tls_cert === '') !== (settings.http_tls_key === '')) {
    throw new SvctlError('CONFIG_INVALID', 'http_tls_cert and http_tls_key go together: set both (PEM files) for HTTPS, or neither');
  }
  const tls = settings.http_tls_cert === '' ? undefined : { cert: settings.http_tls_cert, key: settings.http_tls_key };
  checkExposure(address, tls !== undefined, tokenCount);
  return { address, tls };
}
