// What an app file changes in a running app: the keys whose resolved value differs, by their file names.
import { isDeepStrictEqual } from 'node:util';
import type { AppSpec } from '@svctl/protocol';

// Not keys of the file: the shell's environment (taken only with --update-env), the argv derived from
// script/args/interpreter, and records of how the spec was made.
const NOT_FILE_KEYS: ReadonlySet<string> = new Set(['base_env', 'command', 'env_name', 'source_file', 'cluster_requested']);

/** The file keys whose value differs between the running spec and the file's, in spec order. */
export function changedKeys(running: AppSpec, fromFile: AppSpec): string[] {
  const keys = new Set([...Object.keys(running), ...Object.keys(fromFile)]);
  return [...keys].filter((key) => !NOT_FILE_KEYS.has(key) && !isDeepStrictEqual(running[key as keyof AppSpec], fromFile[key as keyof AppSpec]));
}
