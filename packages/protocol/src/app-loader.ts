// What the app-file loader process (the daemon's `app-loader.mjs`) is asked and answers, as JSON over its
// stdin and stdout. The daemon runs it for `start FILE`; the CLI runs it for commands that read an app file
// without a daemon (deploy, export).
import type { AppSpec } from './app-schema.js';
import type { DeploySpec } from './deploy-schema.js';
import type { WireError } from './errors.js';

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

/** `svctl deploy [FILE] ENV`: the file's `deploy.<target>` section, validated and resolved (the file needs no apps). */
export interface DeployLoadRequest {
  /** Path as the user typed it (relative to cwd); undefined = search cwd for an app file. */
  file?: string;
  cwd: string;
  env: Record<string, string>;
  /** The deploy target (environment) name. */
  target: string;
}

export interface DeployLoadResult {
  file: string;
  deploy: DeploySpec;
  warnings: string[];
}

export type LoaderRequest = { kind: 'file'; request: LoadRequest } | { kind: 'adhoc'; request: AdHocRequest } | { kind: 'deploy'; request: DeployLoadRequest };

/** The answer to a `file` or `adhoc` request (LoadResult), or to a `deploy` request (DeployLoadResult). */
export type LoaderReply<R = LoadResult> = { ok: true; result: R } | { ok: false; error: WireError };
