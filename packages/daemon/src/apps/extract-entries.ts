// The top level of an app file: one app object, `{ apps: [...] }` (apps may be one object),
// or a bare array; a `deploy` section is read only by `svctl deploy` (load-deploy-target.ts).
import { FILE_LEVEL as FILE } from './app-file-error.js';
import { describeValue } from './describe-value.js';
import type { AppFileIssue } from './types.js';

export interface ExtractedEntries {
  entries: unknown[];
  /** Other top-level keys next to `apps`: pm2 ignores them, which usually is not what was meant. */
  strayTopLevel: string[];
  issues: AppFileIssue[];
}

export function extractEntries(content: unknown): ExtractedEntries {
  const none: ExtractedEntries = { entries: [], strayTopLevel: [], issues: [] };
  if (Array.isArray(content)) return { ...none, entries: content };
  if (!isPlainObject(content)) {
    return { ...none, issues: [{ app: FILE, path: '', message: 'the file must hold an app object, an array of apps or { "apps": [...] }', found: describeValue(content) }] };
  }
  if (!('apps' in content)) {
    const rest = Object.keys(content).filter((key) => key !== 'deploy');
    if (rest.length === 0) {
      const message = `the file defines no apps${'deploy' in content ? ' (only a deploy section)' : ''}`;
      return { ...none, issues: [{ app: FILE, path: 'apps', message }] };
    }
    return { ...none, entries: [Object.fromEntries(rest.map((key) => [key, content[key]]))] };
  }
  const strayTopLevel = Object.keys(content).filter((key) => key !== 'apps' && key !== 'deploy');
  const apps = content.apps;
  if (Array.isArray(apps)) return { entries: apps, strayTopLevel, issues: apps.length === 0 ? [noApps()] : [] };
  if (isPlainObject(apps)) return { entries: [apps], strayTopLevel, issues: [] };
  return { ...none, issues: [{ app: FILE, path: 'apps', message: '"apps" must be an array of app objects or one app object', found: describeValue(apps) }] };
}

function noApps(): AppFileIssue {
  return { app: FILE, path: 'apps', message: '"apps" is empty: the file defines no apps' };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
