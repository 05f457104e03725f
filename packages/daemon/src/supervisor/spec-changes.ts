// What an app file changes in a running app: the keys whose resolved value differs, by their file names, and
// whether the change can be given to the running instances in place (protocol spec-apply.ts) or needs new processes.
import { isDeepStrictEqual } from 'node:util';
import { keyApplyOf, type AppSpec } from '@svctl/protocol';

// Not keys of the file: the shell's environment (taken only with --update-env), the argv derived from
// script/args/interpreter, and records of how the spec was made.
const NOT_FILE_KEYS: ReadonlySet<string> = new Set(['base_env', 'command', 'env_name', 'source_file', 'cluster_requested']);

/** The keys of the resolved spec whose value differs, in spec order. */
function differingKeys(running: AppSpec, next: AppSpec): string[] {
  const keys = new Set([...Object.keys(running), ...Object.keys(next)]);
  return [...keys].filter((key) => !isDeepStrictEqual(running[key as keyof AppSpec], next[key as keyof AppSpec]));
}

/** The file keys whose value differs between the running spec and the file's, in spec order. */
export function changedKeys(running: AppSpec, fromFile: AppSpec): string[] {
  return differingKeys(running, fromFile).filter((key) => !NOT_FILE_KEYS.has(key));
}

/**
 * True when the running app can take `next` without new processes: something differs, and every differing key
 * (the shell's environment included) is live or `instances`. Nothing changed is no update: the verb runs as asked.
 */
export function appliesInPlace(running: AppSpec, next: AppSpec): boolean {
  const differing = differingKeys(running, next);
  return differing.length > 0 && differing.every((key) => keyApplyOf(key) !== 'process');
}

/** The changed keys that replace the instances' checks (probes, and the times their grace and readiness read). */
const CHECK_KEYS = ['readiness_probe', 'liveness_probe', 'listen_timeout', 'min_uptime'] as const;

export function checksChanged(running: AppSpec, next: AppSpec): boolean {
  return CHECK_KEYS.some((key) => !isDeepStrictEqual(running[key], next[key]));
}
