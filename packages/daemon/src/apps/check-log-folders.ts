// A daemon running as root writes the log files an app declares. In a folder others may write to
// (without the sticky bit) anyone could put a symlink or their own file at that path and have root
// append to, or create, a file of their choosing; so such a folder, or any folder above it, is refused.
import fs from 'node:fs';
import path from 'node:path';
import type { AppSpec } from '@svctl/protocol';
import type { AppFileIssue } from './types.js';

const LOG_KEYS = ['out_file', 'error_file', 'log_file'] as const;
const OTHERS_WRITE = 0o002;
const STICKY = 0o1000;

/** Issues for declared log files under a folder others may write to; only when running as root. */
export function findUnsafeLogFolders(spec: AppSpec, app: string, runningAsRoot: boolean): AppFileIssue[] {
  if (!runningAsRoot) return [];
  const issues: AppFileIssue[] = [];
  for (const key of LOG_KEYS) {
    const file = spec[key];
    if (typeof file !== 'string' || file === '/dev/null') continue;
    const unsafe = firstUnsafeFolder(path.dirname(file));
    if (unsafe === null) continue;
    issues.push({
      app,
      path: key,
      message: `key "${key}": ${file} is in ${unsafe}, a folder others may write to (no sticky bit); a daemon running as root does not write log files there`,
      expected: 'a log folder only its owner (or root) may write to, e.g. chmod o-w or chmod +t on the folder',
      found: JSON.stringify(file),
    });
  }
  return issues;
}

// The folder itself (when it exists) and every folder above it.
function firstUnsafeFolder(folder: string): string | null {
  for (let current = folder; ; current = path.dirname(current)) {
    const stats = fs.statSync(current, { throwIfNoEntry: false });
    if (stats !== undefined && (stats.mode & OTHERS_WRITE) !== 0 && (stats.mode & STICKY) === 0) return current;
    if (path.dirname(current) === current) return null;
  }
}
