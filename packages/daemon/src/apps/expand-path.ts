import path from 'node:path';

/** `~` and `~/x` become home (the CLI's HOME), then relative paths resolve against base. */
export function resolveUserPath(value: string, base: string, home: string): string {
  return path.resolve(base, expandHome(value, home));
}

export function expandHome(value: string, home: string): string {
  if (value === '~') return home;
  if (value.startsWith('~/')) return path.join(home, value.slice(2));
  return value;
}
