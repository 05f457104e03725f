// Every key of a resolved app, per export target: what it becomes there, or why it has no counterpart.
// `satisfies KeyTable` makes a new app key a compile error until it is classified for each target, and
// the warning of `svctl export` lists the ignored keys an app sets, so nothing is dropped silently.
import type { AppSpec } from '@svctl/protocol';

export type KeyRow =
  /** Exported: what the key becomes. */
  | { readonly kind: 'mapped'; readonly to: string }
  /** Not exported: why. Listed in the warning when the app sets it to anything but nothing or `quiet`. */
  | { readonly kind: 'ignored'; readonly why: string; readonly quiet?: unknown }
  /** Not a key users write: a value the loader derives or records (the command line, the shell's environment). */
  | { readonly kind: 'derived'; readonly why: string };

export type KeyTable = { readonly [K in keyof Required<AppSpec>]: KeyRow };

export const mapped = (to: string): KeyRow => ({ kind: 'mapped', to });
export const ignored = (why: string, quiet?: unknown): KeyRow => ({ kind: 'ignored', why, ...(quiet === undefined ? {} : { quiet }) });
export const derived = (why: string): KeyRow => ({ kind: 'derived', why });

/** The ignored keys this app sets, with why, in table order. */
export function ignoredKeysOf(spec: AppSpec, table: KeyTable): Array<{ key: string; why: string }> {
  return Object.entries(table).flatMap(([key, row]) => {
    const value: unknown = spec[key as keyof AppSpec];
    return row.kind === 'ignored' && !isUnset(value) && JSON.stringify(value) !== JSON.stringify(row.quiet) ? [{ key, why: row.why }] : [];
  });
}

function isUnset(value: unknown): boolean {
  return value === undefined || value === null || value === false || (Array.isArray(value) && value.length === 0);
}

/** One warning per app listing what was left out. */
export function ignoredKeysWarning(spec: AppSpec, table: KeyTable, target: string): string | undefined {
  const keys = ignoredKeysOf(spec, table);
  if (keys.length === 0) return undefined;
  return `app "${spec.name}": ${keys.length === 1 ? 'a key has' : 'keys have'} no ${target} counterpart and ${keys.length === 1 ? 'is' : 'are'} left out:\n${keys.map(({ key, why }) => `  ${key}: ${why}`).join('\n')}`;
}
