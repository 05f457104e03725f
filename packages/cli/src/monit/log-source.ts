// The latest log lines of the selected instance: streamed by the daemon's logs.tail when it has
// it, otherwise read straight from the files `describe` names (the CLI runs on the daemon's host).
import fs from 'node:fs';
import { AppsDescribe, LogsTail, SvctlError, type SvctlClient } from '@svctl/protocol';

export interface LogSource {
  lines(): string[];
  /** Called once per refresh (the file fallback re-reads the files). */
  refresh(): Promise<void>;
  close(): void;
}

const KEEP = 200;

export async function openLogSource(client: SvctlClient, app: string, instance: number, lines: number): Promise<LogSource> {
  try {
    return await streamed(client, app, instance, lines);
  } catch (error) {
    if (error instanceof SvctlError && error.code === 'METHOD_NOT_FOUND') return fromFiles(client, app, lines);
    throw error;
  }
}

async function streamed(client: SvctlClient, app: string, instance: number, lines: number): Promise<LogSource> {
  const buffer: string[] = [];
  const subscription = await client.subscribe(
    LogsTail,
    { target: app, lines, follow: true },
    {
      onItem: (item) => {
        for (const entry of item.entries) {
          if (entry.app !== app || entry.instance !== instance) continue;
          buffer.push(`${entry.stream === 'err' ? 'err ' : entry.stream === 'svctl' ? '--- ' : ''}${entry.msg}`);
        }
        if (buffer.length > KEEP) buffer.splice(0, buffer.length - KEEP);
      },
    },
  );
  return {
    lines: () => buffer,
    refresh: () => Promise.resolve(),
    close: () => {
      subscription.close().catch(() => undefined);
    },
  };
}

// Fallback while the daemon has no logs.tail: tails the files of the app's instance 0 (describe's log_files).
async function fromFiles(client: SvctlClient, app: string, lines: number): Promise<LogSource> {
  const { apps } = await client.call(AppsDescribe, { target: app });
  const files = apps[0]?.log_files;
  let current: string[] = [];
  const read = (): void => {
    if (files === undefined) return;
    const out = tailFile(files.out, lines);
    const err = files.err === files.out ? [] : tailFile(files.err, lines).map((line) => `err ${line}`);
    current = [...out, ...err].slice(-lines);
  };
  read();
  return {
    lines: () => current,
    refresh: () => {
      read();
      return Promise.resolve();
    },
    close: () => undefined,
  };
}

/** The last `count` lines of a file, reading at most its last 64 KiB. */
export function tailFile(file: string, count: number): string[] {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const size = fs.fstatSync(fd).size;
    const length = Math.min(size, 64 * 1024);
    const buffer = Buffer.alloc(length);
    fs.readSync(fd, buffer, 0, length, size - length);
    const text = buffer.toString('utf8');
    const all = text.split('\n');
    if (all.at(-1) === '') all.pop();
    if (length < size) all.shift(); // the first line is cut
    return all.slice(-count);
  } catch {
    return [];
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
