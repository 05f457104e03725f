import fs from 'node:fs';
import path from 'node:path';
import type { AppDescription } from '@svctl/protocol';
import { runCliJson, type CliOptions } from './cli.js';

/** Writes $SVCTL_HOME/config.json (read by the daemon the CLI autostarts). */
export function writeConfig(home: string, config: Record<string, unknown>): void {
  fs.writeFileSync(path.join(home, 'config.json'), JSON.stringify(config, null, 2));
}

export async function describeApp(options: CliOptions, name: string): Promise<AppDescription> {
  const { result, json } = await runCliJson<AppDescription[]>(['describe', name], options);
  if (result.code !== 0 || json[0] === undefined) throw new Error(`svctl describe ${name} failed: ${result.stderr}`);
  return json[0];
}

/** Lines of the daemon's JSON log, parsed. */
export function daemonLog(home: string): Array<Record<string, unknown>> {
  let text = '';
  try {
    text = fs.readFileSync(path.join(home, 'daemon.log'), 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

export function readJsonLines<T>(file: string): T[] {
  try {
    return fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as T);
  } catch {
    return [];
  }
}

export const MiB = 1024 * 1024;
