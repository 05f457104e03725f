// The daemon's own structured log: pino JSON lines into $SVCTL_HOME/daemon.log, rotated by size,
// through a bounded queue (runtime/daemon-log-stream.ts) so a storm of lines can neither grow memory
// nor make the log fall behind without bound.
import { pino, type Logger } from 'pino';
import { daemonLogPath, parseSize } from '@svctl/protocol';
import { DaemonLogStream } from './daemon-log-stream.js';

export type { Logger };

export interface DaemonLogOptions {
  home: string;
  level: string;
  maxSize: string;
  maxFiles: number;
}

export interface DaemonLog {
  logger: Logger;
  /** Logs an error and writes it, with everything still queued, synchronously (before the process may exit). */
  writeNow(level: 'fatal' | 'error', error: unknown, message: string): void;
  close(): Promise<void>;
}

export function openDaemonLog(options: DaemonLogOptions): DaemonLog {
  const bytes = parseSize(options.maxSize) ?? 10 * 1024 * 1024;
  const stream = new DaemonLogStream(daemonLogPath(options.home), { maxSize: Math.max(1024, bytes), maxFiles: options.maxFiles });
  const logger = pino({ level: options.level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime }, stream);
  return {
    logger,
    writeNow: (level, error, message) => {
      logger[level]({ err: error }, message);
      stream.flushSync();
    },
    close: () => stream.end(),
  };
}
