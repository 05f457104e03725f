// Where svctl keeps its persistent state inside SVCTL_HOME (see docs/persistence.md).
import path from 'node:path';

/** The explicit dump written by `svctl save` and read by `svctl resurrect` / `svctld --resurrect`. */
export function dumpPath(home: string): string {
  return path.join(home, 'dump.json');
}

/** The dump before the last save, offered by `svctl resurrect --from-backup`. */
export function dumpBackupPath(home: string): string {
  return `${dumpPath(home)}.bak`;
}

/** The daemon's crash journal, state part: desired states and live processes, rewritten on every change. */
export function journalPath(home: string): string {
  return path.join(home, 'journal.json');
}

/** The crash journal's specs part: each app's spec once, rewritten only when the set of specs changes. */
export function journalSpecsPath(home: string): string {
  return path.join(home, 'journal-specs.json');
}

/** Journal entries the last start could not replay, kept for inspection (mode 0600). */
export function journalRejectedPath(home: string): string {
  return path.join(home, 'journal.rejected.json');
}
