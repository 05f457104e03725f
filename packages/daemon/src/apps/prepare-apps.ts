// Entries as written → resolved specs, collecting every issue instead of stopping at the first.
import os from 'node:os';
import { APP_LIMITS, IGNORED_PM2_KEYS, isValidName, type AppSpec } from '@svctl/protocol';
import { FILE_LEVEL, formatIssueLine } from './app-file-error.js';
import type { CanonicalEntry } from './canonical-entry.js';
import { describeValue } from './describe-value.js';
import { isIgnoredPm2Key, isKnownEntryKey, suggestEntryKey } from './entry-keys.js';
import { isPlainObject } from './extract-entries.js';
import { normaliseAliases } from './normalise-aliases.js';
import { dependencyGraph, findDependencyCycle, formatCycle } from './dependency-graph.js';
import { resolveApp } from './resolve-app.js';
import type { AppFileIssue, AppSource } from './types.js';
import { validateEntry } from './validate-entry.js';

export interface PrepareOptions {
  source: AppSource;
  baseEnv: Record<string, string>;
  envName: string | null;
  ignoreUnknown: boolean;
  /** The CLI's umask; null when the request did not say. */
  umask: number | null;
}

export interface PreparedApps {
  apps: AppSpec[];
  warnings: string[];
  issues: AppFileIssue[];
}

export function prepareApps(entries: unknown[], options: PrepareOptions): PreparedApps {
  const prepared: PreparedApps = { apps: [], warnings: [], issues: [] };
  if (entries.length > APP_LIMITS.appsPerFile) {
    const message = `the file defines ${entries.length} apps, more than the ${APP_LIMITS.appsPerFile} one file may hold`;
    return { ...prepared, issues: [{ app: FILE_LEVEL, path: 'apps', message, expected: `at most ${APP_LIMITS.appsPerFile} apps`, found: `${entries.length} apps` }] };
  }
  const context = { source: options.source, baseEnv: options.baseEnv, envName: options.envName, home: options.baseEnv.HOME ?? os.homedir(), umask: options.umask };
  entries.forEach((raw, index) => {
    const app = appLabel(raw, index);
    if (!isPlainObject(raw)) {
      prepared.issues.push({ app, path: '', message: 'an app must be an object', expected: 'an object', found: describeValue(raw) });
      return;
    }
    const warn = (message: string) => prepared.warnings.push(formatIssueLine(options.source, app, message));
    const kept = dropUnusedKeys(raw, options.ignoreUnknown, warn);
    const issues = validateEntry(kept, app);
    if (issues.length > 0) {
      prepared.issues.push(...issues);
      return;
    }
    const { entry, shadowed } = normaliseAliases(kept);
    for (const { alias, canonical } of shadowed) warn(`key "${alias}" is ignored because "${canonical}" is also set`);
    const resolution = resolveApp(entry as unknown as CanonicalEntry, app, context);
    if ('issues' in resolution) prepared.issues.push(...resolution.issues);
    else prepared.apps.push(resolution.spec);
  });
  prepared.issues.push(...duplicateNames(prepared.apps));
  prepared.issues.push(...dependencyCycles(prepared.apps));
  return prepared;
}

/** Removes pm2 keys svctl ignores (with a warning) and, with --ignore-unknown, unknown keys. */
function dropUnusedKeys(raw: Record<string, unknown>, ignoreUnknown: boolean, warn: (message: string) => void): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (isIgnoredPm2Key(key)) warn(`key "${key}" is ignored (${IGNORED_PM2_KEYS[key]})`);
    else if (ignoreUnknown && !isKnownEntryKey(key)) warn(`key "${key}" is not known and was ignored${didYouMean(key)}`);
    else kept[key] = value;
  }
  return kept;
}

function didYouMean(key: string): string {
  const suggestion = suggestEntryKey(key);
  return suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
}

// An invalid name (10 KB long, or with terminal escapes) is not repeated in every message about the app.
function appLabel(raw: unknown, index: number): string {
  const name = isPlainObject(raw) ? raw.name : undefined;
  return typeof name === 'string' && isValidName(name) ? name : `apps[${index}]`;
}

// A cycle could never start; it is named in full (`depends_on cycle: a → b → a`).
function dependencyCycles(apps: AppSpec[]): AppFileIssue[] {
  const cycle = findDependencyCycle(dependencyGraph(apps));
  if (cycle === null) return [];
  const app = cycle[0] ?? '';
  return [{ app, path: 'depends_on', message: formatCycle(cycle), expected: 'dependencies without a cycle', found: cycle.join(' → ') }];
}

// Apps are addressed by name, so two apps of one name would be ambiguous.
function duplicateNames(apps: AppSpec[]): AppFileIssue[] {
  const seen = new Set<string>();
  const reported = new Set<string>();
  const issues: AppFileIssue[] = [];
  for (const { name } of apps) {
    if (seen.has(name) && !reported.has(name)) {
      reported.add(name);
      issues.push({ app: name, path: 'name', message: `name "${name}" is used by more than one app`, expected: 'a name unique in the file', found: JSON.stringify(name) });
    }
    seen.add(name);
  }
  return issues;
}
