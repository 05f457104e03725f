// The daemon's own structured log: pino JSON lines into $SVCTL_HOME/daemon.log, rotated by size.
import fs from 'node:fs';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import { createStream } from 'rotating-file-stream';
import { daemonLogPath, parseSize } from '@svctl/protocol';

export type { Logger };

export interface DaemonLogOptions {
  home: string;
  level: string;
  maxSize: string;
  maxFiles: number;
}

export interface DaemonLog {
  logger: Logger;
  close(): Promise<void>;
}

export function openDaemonLog(options: DaemonLogOptions): DaemonLog {
  const file = daemonLogPath(options.home);
  const base = path.basename(file);
  const bytes = parseSize(options.maxSize) ?? 10 * 1024 * 1024;
  // Created (or checked) without following a symlink in its place: the stream below opens it by name.
  fs.closeSync(fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_APPEND | fs.constants.O_NOFOLLOW, 0o600));
  // Classical rotation (`rotate`) calls the generator with the rotation index alone: daemon.log.1 is the newest.
  const stream = createStream((index: number | Date | null) => (typeof index === 'number' && index > 0 ? `${base}.${index}` : base), {
    path: path.dirname(file),
    size: `${Math.max(1, Math.ceil(bytes / 1024))}K`,
    rotate: options.maxFiles,
    mode: 0o600,
  });
  // A failing log write must never take the daemon down.
  stream.on('error', () => undefined);
  const logger = pino({ level: options.level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime }, stream);
  return {
    logger,
    close: () => new Promise((resolve) => stream.end(() => resolve())),
  };
}
