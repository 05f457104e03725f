// The crash journal: what this daemon runs right now, so that the next daemon can clean up after a
// crash (kill -9, OOM, power cut) and bring the apps back exactly once. See docs/persistence.md.
// Two files, so a write costs what changed: journal-specs.json holds each app spec once, under a key
// (spec-keys.ts), and is rewritten only when the set of specs changes; journal.json holds the small
// state part (desired states, each live process's pid, process group and start time).
import fs from 'node:fs';
import { journalPath, journalSpecsPath, type AppSpec } from '@svctl/protocol';
import type { Logger } from 'pino';
import { isLiveState, readStat, type ProcStat } from '../os/procfs.js';
import { writeFileAtomic } from '../runtime/home.js';
import type { ExportedApp } from '../supervisor/supervisor.js';
import { onlyProcessesEnded } from './ended-only.js';
import { SpecKeys, type KnownSpec } from './spec-keys.js';
import { JOURNAL_FORMAT, JOURNAL_SPECS_FORMAT, type Journal, type JournalEntry, type JournalProcess, type JournalSpecs } from './formats.js';

/** Bursts of changes (10 apps starting, a crash loop) cost one write per interval at most. */
export const JOURNAL_MIN_INTERVAL_MS = 75;
/**
 * A change that only drops ended processes is written this much later, or with the next change: a crash
 * loop's exit and its next run share one write instead of two (ended-only.ts says why that is safe).
 */
export const JOURNAL_ENDED_DELAY_MS = 5000;

export class JournalWriter {
  readonly path: string;
  readonly specsPath: string;
  #enabled = false;
  #stopping = false;
  #timer: NodeJS.Timeout | null = null;
  /** A write held back because only processes ended since the last one. */
  #endedTimer: NodeJS.Timeout | null = null;
  #lastWriteAt = 0;
  #lastBody = '';
  /** The apps of journal.json as written. */
  #writtenApps: JournalEntry[] = [];
  /** What journal-specs.json holds now. */
  #writtenSpecs = new Map<string, AppSpec>();
  /** Identities of the pids already seen, so /proc is read once per process, not once per write. */
  #identities = new Map<number, ProcStat>();
  readonly #keys: SpecKeys;

  /** `recovered`: the apps restored from the previous daemon's journal, with their keys there (kept while their specs are). */
  constructor(
    home: string,
    private readonly source: () => ExportedApp[],
    private readonly logger: Logger,
    private readonly endedDelayMs = JOURNAL_ENDED_DELAY_MS,
    recovered: readonly KnownSpec[] = [],
  ) {
    this.path = journalPath(home);
    this.specsPath = journalSpecsPath(home);
    this.#keys = new SpecKeys(recovered);
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
      this.#write(true);
    }, wait);
    this.#timer.unref();
  }

  /** Writes now if anything changed (called before a start or stop is acknowledged). */
  commit(): void {
    this.#write(false);
  }

  #write(mayHoldEnded: boolean): void {
    if (!this.#enabled) return;
    if (this.#timer !== null) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    const { apps, specs } = this.#snapshot();
    const body = JSON.stringify({ stopping: this.#stopping, apps });
    if (body === this.#lastBody) return;
    if (mayHoldEnded && onlyProcessesEnded(this.#writtenApps, apps)) {
      this.#endedTimer ??= setTimeout(() => {
        this.#endedTimer = null;
        this.#write(false);
      }, this.endedDelayMs).unref();
      return;
    }
    this.#clearEndedTimer();
    const journal: Journal = { format: JOURNAL_FORMAT, version: 2, written_at: new Date().toISOString(), daemon_pid: process.pid, stopping: this.#stopping, apps };
    // New specs are on disk before the state that names them, and old ones go only after it, so
    // the state on disk never names a spec that is not there (whenever the daemon dies).
    const added = [...specs.keys()].some((hash) => !this.#writtenSpecs.has(hash));
    const dropped = [...this.#writtenSpecs.keys()].some((hash) => !specs.has(hash));
    try {
      if (added) this.#writeSpecs(new Map([...this.#writtenSpecs, ...specs]));
      writeFileAtomic(this.path, `${JSON.stringify(journal)}\n`, 0o600);
      if (dropped) this.#writeSpecs(specs);
      this.#lastBody = body;
      this.#writtenApps = apps;
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
    this.#clearEndedTimer();
    fs.rmSync(this.path, { force: true });
    fs.rmSync(this.specsPath, { force: true });
    this.#writtenSpecs = new Map();
  }

  #clearEndedTimer(): void {
    if (this.#endedTimer !== null) clearTimeout(this.#endedTimer);
    this.#endedTimer = null;
  }

  #writeSpecs(specs: Map<string, AppSpec>): void {
    const file: JournalSpecs = { format: JOURNAL_SPECS_FORMAT, version: 1, specs: Object.fromEntries(specs) };
    writeFileAtomic(this.specsPath, `${JSON.stringify(file)}\n`, 0o600);
    this.#writtenSpecs = specs;
  }

  #snapshot(): { apps: JournalEntry[]; specs: Map<string, AppSpec> } {
    const seen = new Map<number, ProcStat>();
    const specs = new Map<string, AppSpec>();
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
      const key = this.#keys.keyOf(id, spec);
      specs.set(key, spec);
      return { id, name: spec.name, desired, spec_hash: key, processes };
    });
    this.#identities = seen;
    this.#keys.endSnapshot();
    return { apps, specs };
  }
}
