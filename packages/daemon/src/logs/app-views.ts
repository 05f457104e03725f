// What the log handlers and describe need from the supervisor's apps, without depending on it.
import type { AppDescription } from '@svctl/protocol';
import { fileSize, type AppLogView } from './log-service.js';
import type { LogPaths } from './output-files.js';

/** What a log view needs of a supervised app (the supervisor's ManagedApp is one). */
export interface LoggedApp {
  readonly name: string;
  readonly spec: AppLogView['spec'];
  readonly units: ReadonlyArray<{ readonly instance: number }>;
  logPaths(instance: number): LogPaths;
}

export function logViewOf(app: LoggedApp): AppLogView {
  const instances = app.units.length > 0 ? app.units.map((unit) => unit.instance) : [0];
  return { name: app.name, spec: app.spec, files: instances.map((instance) => ({ instance, paths: app.logPaths(instance) })) };
}

/** describe's log_files: each path and the size of its current file. */
export function describeLogFiles(paths: LogPaths): AppDescription['log_files'] {
  return {
    out: paths.out,
    err: paths.err,
    out_size: fileSize(paths.out),
    err_size: fileSize(paths.err),
    ...(paths.combined === undefined ? {} : { combined: paths.combined }),
  };
}
