// The explicit dump: `svctl save` writes it, `svctl resurrect` and `svctld --resurrect` read it.
// Written atomically (temp file, fsync, rename), mode 0600; the previous valid dump is kept as .bak.
// It is never written implicitly, so a daemon that starts with no apps cannot replace it with [].
import fs from 'node:fs';
import { describeIssues, fromGenerated, dumpBackupPath, dumpPath, SvctlError, SVCTL_VERSION } from '@svctl/protocol';
import { dump as validateDump } from '../generated/state-validators.js';
import { readHomeFile, whyUnreadable, writeFileAtomic } from '../runtime/home.js';
import type { SavedApp } from '../supervisor/supervisor.js';
import { DUMP_FORMAT, type Dump } from './formats.js';

export interface SaveOutcome {
  path: string;
  backup: string | null;
  running: string[];
  stopped: string[];
  warnings: string[];
}

export function saveDump(home: string, apps: ReadonlyArray<Required<SavedApp>>, force: boolean): SaveOutcome {
  const file = dumpPath(home);
  if (apps.length === 0 && !force) {
    throw new SvctlError('NOTHING_TO_SAVE', `no app is registered; ${file} was left as it is`, {
      hint: 'to save an empty list on purpose (resurrect then restores nothing), run `svctl save --force`',
    });
  }
  const warnings: string[] = [];
  let backup: string | null = null;
  const previous = readFileIfExists(file);
  if (previous !== null) {
    if (checkDump(previous) === null) {
      backup = dumpBackupPath(home);
      writeFileAtomic(backup, previous, 0o600);
    } else {
      // Never rotate a corrupt dump over a good backup.
      const aside = `${file}.corrupt`;
      fs.renameSync(file, aside);
      warnings.push(`the previous ${file} was corrupt: moved to ${aside}; ${dumpBackupPath(home)} was left as it is`);
    }
  }
  const dump: Dump = {
    format: DUMP_FORMAT,
    version: 1,
    saved_at: new Date().toISOString(),
    svctl_version: SVCTL_VERSION,
    apps: apps.map(({ id, desired, spec }) => ({ id, desired, spec })),
  };
  writeFileAtomic(file, `${JSON.stringify(dump, null, 2)}\n`, 0o600);
  return {
    path: file,
    backup,
    running: apps.filter((app) => app.desired === 'running').map((app) => app.spec.name),
    stopped: apps.filter((app) => app.desired === 'stopped').map((app) => app.spec.name),
    warnings,
  };
}

/** Reads and validates the dump (or its backup); a corrupt one is reported with its path and nothing is touched. */
export function readDump(home: string, fromBackup: boolean): { path: string; dump: Dump } {
  const file = fromBackup ? dumpBackupPath(home) : dumpPath(home);
  const text = readFileIfExists(file);
  if (text === null) {
    const backupHint = !fromBackup && readFileIfExists(dumpBackupPath(home)) !== null ? ' (a backup exists: `svctl resurrect --from-backup`)' : '';
    throw new SvctlError('DUMP_NOT_FOUND', `there is no dump at ${file}`, { hint: `save the running apps first with \`svctl save\`${backupHint}` });
  }
  const problem = checkDump(text);
  if (problem !== null) {
    throw new SvctlError('DUMP_INVALID', `the dump ${file} is corrupt or truncated (${problem}); nothing was restored and the file was left as it is`, {
      hint: fromBackup ? `fix or remove ${file}` : backupHint(home),
      details: { path: file },
    });
  }
  return { path: file, dump: JSON.parse(text) as Dump };
}

function backupHint(home: string): string {
  const backup = dumpBackupPath(home);
  const text = readFileIfExists(backup);
  if (text === null) return `no backup exists; fix or remove ${dumpPath(home)}`;
  if (checkDump(text) !== null) return `the backup ${backup} is not valid either; fix or remove ${dumpPath(home)}`;
  const saved = JSON.parse(text) as Dump;
  return `restore the previous dump (saved ${saved.saved_at}, ${saved.apps.length} app(s)) with \`svctl resurrect --from-backup\``;
}

/** Null when the text is a valid dump, else what is wrong with it. */
export function checkDump(text: string): string | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `not valid JSON: ${(error as Error).message}`;
  }
  const issues = fromGenerated(validateDump)(value);
  return issues.length === 0 ? null : `not a svctl dump: ${describeIssues(issues.slice(0, 3))}`;
}

function readFileIfExists(file: string): string | null {
  try {
    return readHomeFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new SvctlError('DUMP_INVALID', `cannot read the dump ${file} (${whyUnreadable(error)}); nothing was changed`, {
      hint: `move ${file} aside (it must be a regular file, mode 0600), then \`svctl save\` writes a new one`,
      details: { path: file },
    });
  }
}
