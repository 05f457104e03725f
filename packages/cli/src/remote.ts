// svctl --host https://HOST:PORT --token-file PATH: the same commands over the gateway's WebSocket.
import fs from 'node:fs';
import { connectWebSocket, SvctlClient, SvctlError, SVCTL_VERSION } from '@svctl/protocol';

export interface RemoteTarget {
  host: string;
  tokenFile: string | undefined;
  insecure: boolean;
  timeoutMs: number;
}

export async function connectRemote(target: RemoteTarget, notice: (text: string) => void): Promise<SvctlClient> {
  const url = wsUrlOf(target.host);
  if (target.tokenFile === undefined) throw new SvctlError('USAGE', '--host needs --token-file PATH (a file holding a token from `svctl token create`)');
  let token: string;
  try {
    token = fs.readFileSync(target.tokenFile, 'utf8').trim();
  } catch (error) {
    throw new SvctlError('USAGE', `cannot read the token file ${target.tokenFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (token === '') throw new SvctlError('USAGE', `the token file ${target.tokenFile} is empty`, { hint: 'put in it a token printed by `svctl token create NAME --role read|admin` on the daemon host' });
  if (target.insecure) notice(`warning: --insecure: the certificate of ${target.host} is not verified; use it only for a self-signed certificate you trust`);
  return SvctlClient.connect({
    timeoutMs: target.timeoutMs,
    clientName: 'svctl',
    clientVersion: SVCTL_VERSION,
    transport: () => connectWebSocket({ url, token, insecure: target.insecure, timeoutMs: Math.min(target.timeoutMs, 10_000) }),
  });
}

/** https://HOST:PORT → wss://HOST:PORT/ws (http:// → ws://, for a loopback gateway without TLS). */
function wsUrlOf(host: string): string {
  const match = /^(https?):\/\/([^/]+)\/?$/.exec(host);
  if (match === null) throw new SvctlError('USAGE', `--host ${host}: expected https://HOST:PORT`);
  return `${match[1] === 'https' ? 'wss' : 'ws'}://${match[2]}/ws`;
}
