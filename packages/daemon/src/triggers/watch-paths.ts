// What `watch` watches and ignores. Log files can never trigger a restart: the app's own log paths,
// its pid file and $SVCTL_HOME/logs are always ignored, so an app that logs cannot restart itself.
import path from 'node:path';
import type { AppSpec } from '@svctl/protocol';
import picomatch from 'picomatch';

/** Folders no one means to watch (pm2 users list them in ignore_watch anyway). */
const ALWAYS_IGNORED_NAMES = ['node_modules', '.git'];

export function watchedPaths(spec: AppSpec): string[] {
  if (spec.watch === undefined || spec.watch === false) return [];
  if (spec.watch === true) return [spec.cwd];
  return spec.watch.map((entry) => path.resolve(spec.cwd, entry));
}

/** A predicate for absolute paths: true when a change there must not restart the app. */
/** `logFiles` is asked at each change: instances added by scale write new files. */
export function ignoredPathMatcher(spec: AppSpec, logFiles: () => readonly string[], logsDir: string): (file: string) => boolean {
  const exactFiles = (): Set<string> => {
    const exact = new Set(logFiles().map((file) => path.resolve(file)));
    if (spec.pid_file !== undefined) exact.add(path.resolve(spec.pid_file));
    return exact;
  };
  const folders = [path.resolve(logsDir)];
  const patterns = (spec.ignore_watch ?? []).map((pattern) => picomatch(pattern, { dot: true, basename: !pattern.includes('/') }));
  return (file) => {
    const absolute = path.resolve(spec.cwd, file);
    const exact = exactFiles();
    if (exact.has(absolute)) return true;
    // Rotated or dated siblings of a log file (`out.log.1`, `out-2024-01-01.log`) count as the log too.
    for (const log of exact) if (absolute.startsWith(`${log}.`) || absolute.startsWith(`${log.replace(/\.log$/, '')}-`)) return true;
    if (folders.some((folder) => absolute === folder || absolute.startsWith(`${folder}${path.sep}`))) return true;
    const relative = path.relative(spec.cwd, absolute);
    const segments = relative.split(path.sep);
    if (segments.some((segment) => ALWAYS_IGNORED_NAMES.includes(segment))) return true;
    // A pattern matching a folder ignores everything under it.
    for (let end = segments.length; end > 0; end--) {
      const candidate = segments.slice(0, end).join('/');
      if (patterns.some((matches) => matches(candidate) || matches(absolute))) return true;
    }
    return false;
  };
}

/** `src/index.js` for a file under the cwd, else the absolute path. */
export function displayPath(spec: AppSpec, file: string): string {
  const absolute = path.resolve(spec.cwd, file);
  const relative = path.relative(spec.cwd, absolute);
  return relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative;
}
