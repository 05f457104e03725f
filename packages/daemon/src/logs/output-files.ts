// Where each instance's stdout and stderr go, and the append streams that write them.
// (Plain append files; rotation, timestamps and back-pressure come with the logs work.)
import fs from 'node:fs';
import path from 'node:path';
import type { AppSpec } from '@svctl/protocol';
import type { OutputStreams } from '../lifecycle/unit.js';

export interface LogPaths {
  out: string;
  err: string;
}

/** pm2's naming: `<name>-out-<instance>.log`; merge_logs drops the instance; out_file/error_file win. */
export function logPaths(logsDir: string, spec: AppSpec, instance: number): LogPaths {
  const suffix = spec.merge_logs === true ? '' : `-${instance}`;
  const base = spec.name.replace(/[^A-Za-z0-9._-]/g, '_');
  return {
    out: withInstance(spec.out_file, suffix) ?? path.join(logsDir, `${base}-out${suffix}.log`),
    err: withInstance(spec.error_file, suffix) ?? path.join(logsDir, `${base}-err${suffix}.log`),
  };
}

// A user-chosen file is shared by all instances when merge_logs is on, else gets the instance number.
function withInstance(file: string | undefined, suffix: string): string | undefined {
  if (file === undefined || file === '/dev/null' || suffix === '') return file;
  const extension = path.extname(file);
  return `${file.slice(0, file.length - extension.length)}${suffix}${extension}`;
}

export class OutputFiles {
  private readonly streams: fs.WriteStream[] = [];

  constructor(private readonly paths: LogPaths) {}

  open(): OutputStreams {
    if (this.streams.length === 0) {
      for (const file of [this.paths.out, this.paths.err]) {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        const stream = fs.createWriteStream(file, { flags: 'a', mode: 0o600 });
        // A failing log write must not take the daemon down.
        stream.on('error', () => undefined);
        this.streams.push(stream);
      }
    }
    const [stdout, stderr] = this.streams as [fs.WriteStream, fs.WriteStream];
    return { stdout, stderr };
  }

  close(): void {
    for (const stream of this.streams.splice(0)) stream.end();
  }
}
