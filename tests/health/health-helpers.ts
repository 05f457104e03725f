// Shared by the health and trigger tests: describe as JSON, history lookups, a free TCP port.
import net from 'node:net';
import type { AppDescription, TransitionEvent } from '@svctl/protocol';
import { runCliJson, type CliOptions } from '../helpers/cli.js';

export async function describeApp(options: CliOptions, name: string): Promise<AppDescription> {
  const { result, json } = await runCliJson<AppDescription[]>(['describe', name], options);
  if (result.code !== 0 || json[0] === undefined) throw new Error(`svctl describe ${name} failed: ${result.stderr}`);
  return json[0];
}

export async function historyOf(options: CliOptions, name: string, instance = 0): Promise<TransitionEvent[]> {
  return (await describeApp(options, name)).instances.find((row) => row.instance === instance)?.history ?? [];
}

export function timeOf(event: TransitionEvent | undefined, what: string): number {
  if (event === undefined) throw new Error(`no transition: ${what}`);
  return Date.parse(event.at);
}

/** A port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
