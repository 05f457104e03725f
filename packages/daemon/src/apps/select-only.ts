import { SvctlError, type AppSpec } from '@svctl/protocol';
import type { AppSource } from './types.js';

/** `--only a,b`: keeps those apps in file order; a name the file lacks is APP_NOT_FOUND (nothing starts). */
export function selectOnly(apps: AppSpec[], only: string[] | undefined, source: AppSource): AppSpec[] {
  if (only === undefined || only.length === 0) return apps;
  const available = apps.map((app) => app.name);
  const missing = only.filter((name) => !available.includes(name));
  if (missing.length > 0) {
    const names = missing.map((name) => `"${name}"`).join(', ');
    throw new SvctlError('APP_NOT_FOUND', `${source.displayName}: --only names ${names}, which the file does not define (it defines ${available.map((name) => `"${name}"`).join(', ')})`, {
      details: { file: source.file, missing, available },
    });
  }
  return apps.filter((app) => only.includes(app.name));
}
