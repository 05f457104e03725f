// The longest kill_timeout among the apps the unit will run: from the running daemon if one answers,
// else from the dump it will resurrect, else the default.
import fs from 'node:fs';
import { AppsDescribe, dumpPath } from '@svctl/protocol';
import type { CommandContext } from '../context.js';

export const DEFAULT_KILL_TIMEOUT_MS = 5000;

export async function longestKillTimeout(context: CommandContext): Promise<{ ms: number; basis: string }> {
  const fromDaemon = await fromRunningDaemon(context);
  if (fromDaemon !== null && fromDaemon.length > 0) return pick(fromDaemon, 'the running apps');
  const fromDump = readDumpTimeouts(dumpPath(context.target.home));
  if (fromDump !== null && fromDump.length > 0) return pick(fromDump, 'the apps in dump.json');
  return { ms: DEFAULT_KILL_TIMEOUT_MS, basis: `the default kill_timeout (${DEFAULT_KILL_TIMEOUT_MS} ms); regenerate if apps need longer` };
}

function pick(timeouts: number[], where: string): { ms: number; basis: string } {
  const ms = Math.max(DEFAULT_KILL_TIMEOUT_MS, ...timeouts);
  return { ms, basis: `longest kill_timeout of ${where} is ${Math.max(...timeouts)} ms` };
}

async function fromRunningDaemon(context: CommandContext): Promise<number[] | null> {
  try {
    const client = await context.existingClient();
    const { apps } = await client.call(AppsDescribe, { target: 'all' });
    client.close();
    return apps.map((app) => app.spec.kill_timeout);
  } catch {
    return null;
  }
}

function readDumpTimeouts(file: string): number[] | null {
  try {
    const dump = JSON.parse(fs.readFileSync(file, 'utf8')) as { apps?: Array<{ spec?: { kill_timeout?: unknown } }> };
    return (dump.apps ?? []).map((app) => app.spec?.kill_timeout).filter((value): value is number => typeof value === 'number');
  } catch {
    return null;
  }
}
