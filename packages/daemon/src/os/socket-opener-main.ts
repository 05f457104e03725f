// Opens the listening sockets of an app (`listen`) in a short-lived process and sends them to the daemon over
// IPC as raw handles. The daemon's copies are then listening sockets its event loop never accepts on (it
// only passes them to instances); only here, for the moment before the handles are sent, are they watched.
import fs from 'node:fs';
import net from 'node:net';
import type { ListenAddress } from './seam.js';

const addresses = JSON.parse(process.env.SVCTL_LISTEN ?? '[]') as ListenAddress[];

function fail(reason: string): void {
  process.send?.({ error: reason }, () => process.exit(1));
}

// A socket file left by an earlier run that nobody answers on is removed; a live one is EADDRINUSE.
async function clearStale(file: string): Promise<void> {
  if (!fs.statSync(file, { throwIfNoEntry: false })?.isSocket()) return;
  const answered = await new Promise<boolean>((resolve) => {
    const probe = net.connect(file, () => {
      probe.destroy();
      resolve(true);
    });
    probe.on('error', () => resolve(false));
  });
  if (!answered) fs.rmSync(file, { force: true });
}

async function listen(address: ListenAddress): Promise<net.Server> {
  if ('path' in address) await clearStale(address.path);
  const server = net.createServer({ pauseOnConnect: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    const options = 'path' in address ? { path: address.path } : { port: address.port, ...(address.host === null ? {} : { host: address.host }) };
    server.listen({ ...options, backlog: 511 }, resolve);
  });
  return server;
}

async function main(): Promise<void> {
  const servers: net.Server[] = [];
  for (const address of addresses) {
    try {
      servers.push(await listen(address));
    } catch (error) {
      const where = 'path' in address ? address.path : `${address.host ?? '*'}:${address.port}`;
      fail(`listen ${where}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      return;
    }
  }
  for (const [index, server] of servers.entries()) {
    const handle = (server as unknown as { _handle: object })._handle;
    await new Promise<void>((resolve) => process.send?.({ index }, handle as net.Server, () => resolve()));
  }
  process.send?.({ done: true }, () => process.exit(0));
}

void main();
