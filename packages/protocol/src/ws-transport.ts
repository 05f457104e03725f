// The WebSocket transport to the daemon's network gateway (GET /ws, docs/api.md): one JSON-RPC message
// per WebSocket message, the bearer token on the upgrade request. ws is loaded only when used.
import { SvctlError } from './errors.js';
import { MAX_RESPONSE_FRAME_BYTES } from './framing.js';
import type { ClientTransport } from './transport.js';

export interface WebSocketOptions {
  /** wss://host:port/ws (or ws:// for a plain-HTTP gateway on loopback). */
  url: string;
  token: string;
  /** Accept any certificate (self-signed): the caller warns. */
  insecure: boolean;
  timeoutMs: number;
}

export async function connectWebSocket(options: WebSocketOptions): Promise<ClientTransport> {
  const { default: WebSocket } = await import('ws');
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(options.url, { headers: { authorization: `Bearer ${options.token}` }, rejectUnauthorized: !options.insecure, maxPayload: MAX_RESPONSE_FRAME_BYTES });
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new SvctlError('DAEMON_UNREACHABLE', `no answer from ${options.url} within ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    socket.once('unexpected-response', (_request, response) => {
      clearTimeout(timer);
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => {
        socket.terminate();
        const status = response.statusCode ?? 0;
        const code = status === 401 ? 'UNAUTHORIZED' : status === 429 ? 'RATE_LIMITED' : status === 503 ? 'NOT_READY' : 'DAEMON_UNREACHABLE';
        reject(new SvctlError(code, `${options.url} refused the connection (HTTP ${status}): ${messageOf(body)}`));
      });
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const hint = isCertificateError(error) ? CERTIFICATE_HINT : undefined;
      reject(new SvctlError('DAEMON_UNREACHABLE', `cannot connect to ${options.url}: ${error.code ?? error.message}`, { cause: error, hint }));
    });
    socket.once('open', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      const closeListeners: Array<(error?: Error) => void> = [];
      let lastError: Error | undefined;
      socket.on('error', (error) => (lastError = error));
      socket.on('close', () => {
        for (const listener of closeListeners) listener(lastError);
      });
      resolve({
        send: (message) => socket.send(JSON.stringify(message)),
        close: () => socket.close(),
        onMessage: (listener) =>
          socket.on('message', (data: Buffer) => {
            try {
              listener(JSON.parse(data.toString('utf8')) as unknown);
            } catch {
              socket.terminate();
            }
          }),
        onClose: (listener) => closeListeners.push(listener),
      });
    });
  });
}

function messageOf(body: string): string {
  try {
    return (JSON.parse(body) as { error?: { message?: string } }).error?.message ?? body;
  } catch {
    return body;
  }
}

const CERTIFICATE_HINT = "the gateway's certificate is not trusted here: give its CA with NODE_EXTRA_CA_CERTS=ca.pem, or add --insecure for a self-signed certificate you trust";

/** TLS verification failures (Node's codes for an untrusted, self-signed, expired or misnamed certificate). */
function isCertificateError(error: NodeJS.ErrnoException): boolean {
  const code = error.code ?? '';
  return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code);
}
