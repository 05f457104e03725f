import fs from 'node:fs';
import path from 'node:path';
import type { TestContext } from 'node:test';
import type { InstanceRow } from '@svctl/protocol';
import { runCli, runCliJson, type CliOptions } from './cli.js';
import { waitFor } from './wait.js';

/** Writes an app file into a fresh folder (removed on cleanup) and returns its path. */
export function writeAppFile(t: TestContext, content: unknown, name = 'apps.json'): string {
  const dir = fs.mkdtempSync('/tmp/svctl-apps-');
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

export async function listInstances(options: CliOptions): Promise<InstanceRow[]> {
  const { result, json } = await runCliJson<InstanceRow[]>(['list'], options);
  if (result.code !== 0) throw new Error(`svctl list failed: ${result.stderr}`);
  return json;
}

/** Polls `svctl list` until every instance of `name` satisfies `accept` (and there are `count` of them). */
export function waitForInstances(
  options: CliOptions,
  name: string,
  accept: (row: InstanceRow) => boolean,
  count?: number,
  timeoutMs = 20_000,
): Promise<InstanceRow[]> {
  return waitFor(
    `instances of ${name}`,
    async () => {
      const rows = (await listInstances(options)).filter((row) => row.app === name);
      const enough = count === undefined ? rows.length > 0 : rows.length === count;
      return enough && rows.every(accept) ? rows : undefined;
    },
    { timeoutMs, intervalMs: 50 },
  );
}

export const isOnline = (row: InstanceRow): boolean => row.status === 'online' && row.pid !== null;

/** The environment a live process runs with, read from /proc. */
export function processEnv(pid: number): Record<string, string> {
  const raw = fs.readFileSync(`/proc/${pid}/environ`, 'utf8');
  return Object.fromEntries(raw.split('\0').filter(Boolean).map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]));
}

export async function startOk(args: string[], options: CliOptions): Promise<void> {
  const result = await runCli(['start', ...args], options);
  if (result.code !== 0) throw new Error(`svctl start ${args.join(' ')} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
}

/** `svctl start` of an app that fails on purpose: it must say so (an instance did not stay up) and exit 1. */
export async function startFails(args: string[], options: CliOptions): Promise<void> {
  const result = await runCli(['start', ...args], options);
  if (result.code !== 1 || !result.stdout.includes('did not stay up')) {
    throw new Error(`svctl start ${args.join(' ')} exited ${result.code} without reporting the failed instance\n${result.stdout}\n${result.stderr}`);
  }
}
