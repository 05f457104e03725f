import type { AppSpec } from '@svctl/protocol';

export interface LoadRequest {
  /** Path as the user typed it (relative to cwd); undefined = search cwd for an app file. */
  file?: string;
  /** The CLI's cwd. */
  cwd: string;
  /** The CLI's environment: carried as base_env and seen by JS/TS app files as process.env. */
  env: Record<string, string>;
  /** `--env production` applies env_production. */
  envName?: string;
  /** `--only a,b`: the apps to keep, by name. */
  only?: string[];
  /** `--ignore-unknown`: unknown keys become warnings instead of errors. */
  ignoreUnknown?: boolean;
  /** The CLI's umask, for the mode of declared log files. */
  umask?: number;
}

export interface LoadResult {
  file: string;
  apps: AppSpec[];
  warnings: string[];
}

export interface AdHocRequest {
  script?: string;
  args: string[];
  name?: string;
  cwd: string;
  env: Record<string, string>;
  /** Same keys as a file entry, e.g. instances, namespace. */
  options?: Record<string, unknown>;
  /** The CLI's umask, for the mode of declared log files. */
  umask?: number;
}

/** One problem in an app file; APP_FILE_INVALID details list all of them. */
export interface AppFileIssue {
  /** The app's name, or `apps[2]` when it has none. */
  app: string;
  /** Key path inside the app, e.g. `env.PORT`; empty for the file as a whole. */
  path: string;
  message: string;
  expected?: string;
  found?: string;
  suggestion?: string;
}

/** Where the apps come from, as the rest of the pipeline needs it. */
export interface AppSource {
  /** Absolute path, or `(command line)`. */
  file: string;
  /** The file as shown in messages: relative to the CLI's cwd when inside it. */
  displayName: string;
  /** Relative cwd values resolve against this folder. */
  baseDir: string;
  sourceFile: string | null;
}
