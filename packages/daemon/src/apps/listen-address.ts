// The `listen` key's addresses: "8080" (all interfaces), "127.0.0.1:8080", "[::1]:8080", or a unix socket
// path ("/run/app.sock", "./app.sock" relative to the app's cwd, or "unix:/run/app.sock").
import path from 'node:path';
import type { ListenAddress } from '../os/seam.js';

/** The parsed address, or an error message. */
export function parseListenAddress(value: string, cwd: string): ListenAddress | { error: string } {
  const text = value.trim();
  const notAnAddress = { error: `"${value}" is not an address to listen on: a port (1-65535), host:port, [ipv6]:port, or a unix socket path` };
  if (text.includes('://')) return notAnAddress;
  if (text.startsWith('unix:')) return unixPath(text.slice('unix:'.length), cwd);
  if (text.includes('/')) return unixPath(text, cwd);
  const match = /^(?:(\[[0-9a-fA-F:.]+\]|[^:[\]]+):)?(\d{1,5})$/.exec(text);
  const port = match === null ? NaN : Number(match[2]);
  if (match === null || port < 1 || port > 65535) return notAnAddress;
  const host = match[1] === undefined ? null : match[1].replace(/^\[(.*)\]$/, '$1');
  return { host, port };
}

/** How the address is named in LISTEN_FDNAMES, list rows and messages. */
export function formatListenAddress(address: ListenAddress): string {
  if ('path' in address) return address.path;
  if (address.host === null) return String(address.port);
  return address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}

function unixPath(value: string, cwd: string): ListenAddress | { error: string } {
  if (value === '') return { error: 'a unix socket path is empty' };
  const absolute = path.resolve(cwd, value);
  // sun_path holds 107 bytes on Linux.
  if (Buffer.byteLength(absolute) > 107) return { error: `the unix socket path ${absolute} is longer than the 107 bytes a socket path may have` };
  return { path: absolute };
}
