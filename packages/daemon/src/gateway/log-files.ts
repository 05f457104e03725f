// The log files of one app a gateway caller may download (GET /logs/files, GET /logs/download): which
// paths is asked of the dispatcher (apps.describe, with the caller's own token or session, so roles
// apply as everywhere); then, for each instance and stream, the current file and its rotated files on
// disk, `.1` the newest, plain or `.gz` (log_compress), up to the first one missing, as the rotation
// leaves them (logs/rotate-files.ts). Only these paths are ever read.
import fs from 'node:fs';
import { AppsDescribe, SvctlError, type ResultOf } from '@svctl/protocol';
import { DISCARD } from '../logs/output-files.js';
import { rotatedName } from '../logs/rotate-files.js';
import type { Connection } from '../rpc/connection.js';
import type { Dispatcher } from '../rpc/dispatcher.js';

export type LogStream = 'out' | 'err';

export interface LogFileOnDisk {
  instance: number;
  stream: LogStream;
  /** 0: the current file; N: the Nth newest rotated one. */
  rotated: number;
  path: string;
  compressed: boolean;
  bytes: number;
}

/** Rotated files looked for per stream at most (far more than any log_max_files). */
const MAX_ROTATED = 1000;

export type Refusal = { status: 403 | 404; error: SvctlError };

/** Each instance's current log file per stream, asked with the caller's rights. */
export async function currentLogFiles(dispatcher: Dispatcher, connection: Connection, app: string): Promise<Array<{ instance: number; stream: LogStream; path: string }> | Refusal> {
  const answer = await dispatcher.dispatch({ jsonrpc: '2.0', id: 1, method: AppsDescribe.name, params: { target: app } }, connection);
  if (answer === undefined || 'error' in answer) {
    return { status: answer?.error.data?.name === 'FORBIDDEN' ? 403 : 404, error: new SvctlError('APP_NOT_FOUND', answer?.error.message ?? `no app ${app}`) };
  }
  const described = (answer.result as ResultOf<typeof AppsDescribe>).apps.find((one) => one.app === app);
  return (described?.instances ?? []).flatMap(({ instance, log_files }) =>
    (['out', 'err'] as const).flatMap((stream) => (log_files[stream] === DISCARD ? [] : [{ instance, stream, path: log_files[stream] }])),
  );
}

/** A current log file and its rotated files as they are on disk now, newest first (none when nothing is written yet). */
export async function filesOnDisk(current: { instance: number; stream: LogStream; path: string }): Promise<LogFileOnDisk[]> {
  const found: LogFileOnDisk[] = [];
  const bytes = await sizeOf(current.path);
  if (bytes !== undefined) found.push({ ...current, rotated: 0, compressed: false, bytes });
  for (let index = 1; index <= MAX_ROTATED; index++) {
    const plain = rotatedName(current.path, index, false);
    const packed = rotatedName(current.path, index, true);
    const plainBytes = await sizeOf(plain);
    const packedBytes = plainBytes === undefined ? await sizeOf(packed) : undefined;
    if (plainBytes === undefined && packedBytes === undefined) break;
    found.push({ ...current, rotated: index, path: plainBytes === undefined ? packed : plain, compressed: plainBytes === undefined, bytes: plainBytes ?? packedBytes ?? 0 });
  }
  return found;
}

function sizeOf(file: string): Promise<number | undefined> {
  return fs.promises.stat(file).then(
    (stat) => (stat.isFile() ? stat.size : undefined),
    () => undefined,
  );
}
