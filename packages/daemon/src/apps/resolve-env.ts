// The app's own variables. Order, later wins: env_file's values, then `env`, then `env_<name>`
// (the file holds defaults; what is written in the app file is more specific).
import { readFileSync } from 'node:fs';
import { parse as parseDotenv } from 'dotenv';
import { envBlock, type CanonicalEntry, type EnvValues } from './canonical-entry.js';
import { resolveUserPath } from './expand-path.js';

export interface ResolvedEnv {
  env: Record<string, string>;
  /** Absolute path of the dotenv file read. */
  envFile?: string;
}

export class EnvFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`env_file ${file} ${reason}`);
  }
}

/** Throws EnvFileError when env_file cannot be read. */
export function resolveEnv(entry: CanonicalEntry, envName: string | null, cwd: string, home: string): ResolvedEnv {
  const envFile = entry.env_file === undefined ? undefined : resolveUserPath(entry.env_file, cwd, home);
  const fromFile = envFile === undefined ? {} : readDotenv(envFile);
  const named = envName === null ? undefined : envBlock(entry, envName);
  const env = { ...fromFile, ...stringValues(entry.env), ...stringValues(named) };
  return envFile === undefined ? { env } : { env, envFile };
}

function readDotenv(file: string): Record<string, string> {
  try {
    return parseDotenv(readFileSync(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new EnvFileError(file, code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`);
  }
}

function stringValues(values: EnvValues | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(values ?? {}).map(([key, value]) => [key, String(value)]));
}
