// The network gateway in tests: a self-signed certificate made with openssl, a daemon listening on a
// free loopback port, HTTPS requests and WSS connections trusting that certificate.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import type { TestContext } from 'node:test';
import tls from 'node:tls';
import WebSocket from 'ws';
import { freePort } from '../health/health-helpers.js';
import { runCliJson } from './cli.js';
import { startDaemon, type TestDaemon } from './daemon.js';

export interface TlsFiles {
  dir: string;
  cert: string;
  key: string;
}

/** A self-signed certificate for 127.0.0.1 and localhost in a temp folder (removed on cleanup). */
export function makeCertificate(t: TestContext, subject = 'svctl-test'): TlsFiles {
  const dir = fs.mkdtempSync('/tmp/svctl-tls-');
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return writeCertificate(dir, subject);
}

export function writeCertificate(dir: string, subject: string): TlsFiles {
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  // An ECDSA P-256 key: made at once, where an RSA key's prime search took seconds on a loaded machine.
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', `/CN=${subject}`, '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
  return { dir, cert, key };
}

export interface GatewayDaemon extends TestDaemon {
  port: number;
  tls: TlsFiles;
  ca: Buffer;
  url: string;
}

/** svctld with the gateway on a free loopback port over HTTPS. */
export async function startGatewayDaemon(t: TestContext, args: string[] = []): Promise<GatewayDaemon> {
  const tls = makeCertificate(t);
  const port = await freePort();
  const daemon = await startDaemon(t, { args: ['--http', `127.0.0.1:${port}`, '--http-tls-cert', tls.cert, '--http-tls-key', tls.key, ...args] });
  return { ...daemon, port, tls, ca: fs.readFileSync(tls.cert), url: `https://127.0.0.1:${port}` };
}

export async function createToken(home: string, name: string, role: 'read' | 'admin'): Promise<string> {
  const { result, json } = await runCliJson<{ token: string }>(['token', 'create', name, '--role', role], { home });
  if (result.code !== 0) throw new Error(`svctl token create failed: ${result.stderr}`);
  return json.token;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json(): Record<string, unknown>;
}

export function httpsRequest(gateway: { url: string; ca: Buffer }, route: string, options: { method?: string; token?: string; body?: string | Buffer; agent?: https.Agent; headers?: Record<string, string> } = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const request = https.request(`${gateway.url}${route}`, {
      method: options.method ?? 'GET',
      ca: gateway.ca,
      agent: options.agent ?? false,
      headers: { ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }), ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
    });
    request.on('response', (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body, json: () => JSON.parse(body) as Record<string, unknown> }));
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

/** POST /rpc with one request; the answer's JSON-RPC body parsed. */
export function rpc(gateway: { url: string; ca: Buffer }, method: string, params: unknown, token?: string, agent?: https.Agent): Promise<HttpAnswer> {
  return httpsRequest(gateway, '/rpc', { method: 'POST', token, agent, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
}

/** A WSS connection to /ws (closed on cleanup), with every message it receives kept in order. */
export async function connectWs(t: TestContext, gateway: { url: string; ca: Buffer }, token: string | undefined): Promise<{ socket: WebSocket; messages: Array<Record<string, unknown>>; closed: Promise<number> }> {
  const socket = new WebSocket(`${gateway.url.replace('https:', 'wss:')}/ws`, { ca: gateway.ca, headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
  t.after(() => socket.terminate());
  const messages: Array<Record<string, unknown>> = [];
  socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString()) as Record<string, unknown>));
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return { socket, messages, closed };
}

export interface RawWebSocket {
  socket: tls.TLSSocket;
  /** Everything the daemon sent after the handshake, as text (frames' headers included). */
  received(): string;
  closed(): boolean;
}

/** A WSS connection to /ws opened by hand (closed on cleanup), so a test can send what ws's client never would: half a message. */
export async function openRawWebSocket(t: TestContext, gateway: { port: number; ca: Buffer }, token: string): Promise<RawWebSocket> {
  const socket = tls.connect({ host: '127.0.0.1', port: gateway.port, ca: gateway.ca });
  t.after(() => socket.destroy());
  let text = '';
  let closed = false;
  socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
  socket.on('close', () => (closed = true));
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once('secureConnect', () => resolve());
    socket.once('error', reject);
  });
  socket.write(
    `GET /ws HTTP/1.1\r\nHost: 127.0.0.1:${gateway.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: c3ZjdGwtcmF3LXNvY2tldA==\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer ${token}\r\n\r\n`,
  );
  const handshake = await new Promise<string>((resolve, reject) => {
    const check = (): void => {
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', check);
      const head = text.slice(0, end);
      text = text.slice(end + 4);
      resolve(head);
    };
    socket.on('data', check);
    socket.once('close', () => reject(new Error(`the upgrade was refused: ${text}`)));
  });
  if (!handshake.startsWith('HTTP/1.1 101')) throw new Error(`the upgrade was refused: ${handshake}`);
  return { socket, received: () => text, closed: () => closed };
}

/** The header of a masked text frame announcing `length` bytes; its mask is 0, so the payload goes as is. */
export function textFrameHeader(length: number): Buffer {
  const header = Buffer.alloc(14);
  header[0] = 0x81;
  header[1] = 0x80 | 127;
  header.writeBigUInt64BE(BigInt(length), 2);
  return header;
}
