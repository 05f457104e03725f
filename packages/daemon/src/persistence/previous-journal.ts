// Reading the journal a previous daemon left behind, so that nothing in it can stop this daemon from
// starting: a whole file that cannot be read or decoded is set aside (renamed, its path named); an
// entry that cannot be replayed costs only itself and is kept for inspection.
import fs from 'node:fs';
import { fromGenerated, journalPath, journalSpecsPath, type AppSpec } from '@svctl/protocol';
import { appSpec as validateAppSpec, journal as validateJournal, journalEntry as validateEntry, journalSpecs as validateSpecs } from '../generated/state-validators.js';
import { readHomeFile } from '../runtime/home.js';
import type { Journal, JournalEntry, JournalProcess, JournalSpecs } from './formats.js';

/** An entry that can be replayed: its spec was found and is valid. */
export interface ReplayableApp {
  id: number;
  desired: JournalEntry['desired'];
  spec: AppSpec;
  /** The spec's key in the specs file (see spec-keys.ts). */
  key: string;
}

/** What is needed to stop an app's leftovers; the spec's values when the spec is valid. */
export interface LeftoverApp {
  name: string;
  stop_signal: string;
  kill_timeout: number;
  processes: JournalProcess[];
}

/** An entry that could not be replayed, as kept in journal.rejected.json. */
export interface RejectedEntry {
  reason: string;
  entry: unknown;
  spec?: unknown;
}

/** A journal file that could not be read or decoded, renamed out of the way. */
export interface SetAsideFile {
  path: string;
  reason: string;
  moved_to: string | null;
}

export interface PreviousJournal {
  /** Null when there was no usable journal (none, or set aside). */
  header: Pick<Journal, 'daemon_pid' | 'stopping'> | null;
  apps: ReplayableApp[];
  leftovers: LeftoverApp[];
  rejected: RejectedEntry[];
  setAside: SetAsideFile[];
}

/** Used to stop the leftovers of an entry whose spec is missing or invalid. */
const FALLBACK_STOP = { stop_signal: 'SIGTERM', kill_timeout: 5000 };

export function readPreviousJournal(home: string, now: Date = new Date()): PreviousJournal {
  const result: PreviousJournal = { header: null, apps: [], leftovers: [], rejected: [], setAside: [] };
  const state = readStateFile<Journal>(journalPath(home), validateJournal, now, result.setAside);
  // Specs without a state are of no use: the first write of the new journal replaces them.
  if (state === null) return result;
  const specs = readStateFile<JournalSpecs>(journalSpecsPath(home), validateSpecs, now, result.setAside)?.specs ?? {};
  result.header = { daemon_pid: state.daemon_pid, stopping: state.stopping };
  for (const entry of state.apps) {
    if (fromGenerated(validateEntry)(entry).length > 0) {
      result.rejected.push({ reason: 'not a valid journal entry', entry });
      continue;
    }
    const { id, name, desired, spec_hash, processes } = entry as JournalEntry;
    const spec = specs[spec_hash];
    const issues = spec === undefined ? null : fromGenerated(validateAppSpec)(spec);
    if (issues === null || issues.length > 0) {
      result.rejected.push({ reason: issues === null ? `spec ${spec_hash} is missing from the specs file` : `invalid spec: ${issues[0]?.path ?? ''} ${issues[0]?.message ?? ''}`.trim(), entry, spec });
      result.leftovers.push({ name, ...FALLBACK_STOP, processes });
      continue;
    }
    const valid = spec as AppSpec;
    result.apps.push({ id, desired, spec: valid, key: spec_hash });
    result.leftovers.push({ name, stop_signal: valid.stop_signal, kill_timeout: valid.kill_timeout, processes });
  }
  return result;
}

/** The parsed, valid content of a journal file; null when absent, or when it was set aside. */
function readStateFile<T>(file: string, validate: Parameters<typeof fromGenerated>[0], now: Date, setAside: SetAsideFile[]): T | null {
  let reason: string;
  try {
    const value: unknown = JSON.parse(readHomeFile(file));
    const issues = fromGenerated(validate)(value);
    if (issues.length === 0) return value as T;
    reason = `not a svctl journal file of this version (${issues.length} schema issue(s))`;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    reason = code === undefined ? `not valid JSON: ${(error as Error).message}` : `cannot be read: ${code} (${(error as Error).message})`;
  }
  const movedTo = `${file}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  try {
    fs.renameSync(file, movedTo);
    setAside.push({ path: file, reason, moved_to: movedTo });
  } catch {
    // It cannot even be moved (a read-only home): the next journal write replaces or fails on it.
    setAside.push({ path: file, reason, moved_to: null });
  }
  return null;
}
