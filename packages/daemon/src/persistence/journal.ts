// The crash journal: what this daemon runs right now (app specs, desired states, and each live
// process's pid, process group and start time), so that the next daemon can clean up after a
// crash (kill -9, OOM, power cut) and bring the apps back exactly once. See docs/persistence.md.
import fs from 'node:fs';
import { fromGenerated, journalPath } from '@svctl/protocol';
import { journal as validateJournal } from '../generated/state-validators.js';
import type { Logger } from 'pino';
import { isLiveState, readStat, type ProcStat } from '../os/procfs.js';
import { readHomeFile, writeFileAtomic } from '../runtime/home.js';
import type { ExportedApp } from '../supervisor/supervisor.js';
import { JOURNAL_FORMAT, type Journal, type JournalProcess } from './formats.js';

/** Bursts of changes (10 apps starting, a crash loop) cost one write per interval at most. */
export const JOURNAL_MIN_INTERVAL_MS = 75;

export class JournalWriter {
  readonly path: string;
  #enabled = false;
  #stopping = false;
  #timer: NodeJS.Timeout | null = null;
  #lastWriteAt = 0;
  #lastBody = '';
  /** Identities of the pids already seen, so /proc is read once per process, not once per write. */
  #identities = new Map<number, ProcStat>();

  constructor(
    home: string,
    private readonly source: () => ExportedApp[],
    private readonly logger: Logger,
  ) {
    this.path = journalPath(home);
  }

  /** Starts recording (after the previous daemon's leftovers were dealt with) and writes at once. */
  enable(): void {
    this.#enabled = true;
    this.commit();
  }

  /** Something changed: write soon, at most once per JOURNAL_MIN_INTERVAL_MS. */
  schedule(): void {
    if (!this.#enabled || this.#timer !== null) return;
    const wait = Math.max(0, this.#lastWriteAt + JOURNAL_MIN_INTERVAL_MS - Date.now());
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.commit();
    }, wait);
    this.#timer.unref();
  }

  /** Writes now if anything changed (called before a start or stop is acknowledged). */
  commit(): void {
    if (!this.#enabled) return;
    if (this.#timer !== null) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    const apps = this.#snapshot();
    const body = JSON.stringify({ stopping: this.#stopping, apps });
    if (body === this.#lastBody) return;
    const journal: Journal = { format: JOURNAL_FORMAT, version: 1, written_at: new Date().toISOString(), daemon_pid: process.pid, stopping: this.#stopping, apps };
    try {
      writeFileAtomic(this.path, `${JSON.stringify(journal)}\n`, 0o600);
      this.#lastBody = body;
      this.#lastWriteAt = Date.now();
    } catch (error) {
      // A full disk must not take the daemon down; the next change tries again.
      this.logger.error({ err: error, path: this.path }, 'cannot write the crash journal');
    }
  }

  /** A clean stop began: a daemon that finds this journal stops leftovers but starts nothing. */
  markStopping(): void {
    this.#stopping = true;
    this.commit();
  }

  /** A clean stop finished: nothing runs, so there is nothing to recover. */
  remove(): void {
    this.#enabled = false;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    fs.rmSync(this.path, { force: true });
  }

  #snapshot(): Journal['apps'] {
    const seen = new Map<number, ProcStat>();
    const apps = this.source().map(({ id, desired, spec, instances }) => {
      const processes: JournalProcess[] = [];
      for (const { instance, pid } of instances) {
        if (pid === null) continue;
        const identity = this.#identities.get(pid) ?? readStat(pid);
        // Gone before we could read its start time: it cannot be verified later, so it is not recorded.
        if (identity === null || !isLiveState(identity.state)) continue;
        seen.set(pid, identity);
        processes.push({ instance, pid, pgid: identity.pgrp, start_time: identity.starttime });
      }
      return { id, desired, spec, processes };
    });
    this.#identities = seen;
    return apps;
  }
}

export type PreviousJournal = { kind: 'none' } | { kind: 'found'; journal: Journal } | { kind: 'corrupt'; reason: string; movedTo: string };

/** The journal a previous daemon left behind, if any. A corrupt one is moved aside (it cannot be trusted). */
export function readPreviousJournal(home: string): PreviousJournal {
  const file = journalPath(home);
  let text: string;
  try {
    text = readHomeFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    throw error;
  }
  let reason: string | null = null;
  let value: unknown;
  try {
    value = JSON.parse(text);
    const issues = fromGenerated(validateJournal)(value);
    if (issues.length > 0) reason = `not a svctl journal (${issues.length} schema issue(s))`;
  } catch (error) {
    reason = `not valid JSON: ${(error as Error).message}`;
  }
  if (reason === null) return { kind: 'found', journal: value as Journal };
  const movedTo = `${file}.corrupt`;
  fs.renameSync(file, movedTo);
  return { kind: 'corrupt', reason, movedTo };
}
