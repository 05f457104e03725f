// What a starting daemon does with the state on disk, before it takes requests:
//   1. a journal left by a daemon that died without stopping → stop its surviving children (verified
//      by pid and start time), then start the apps it was running, with their ids and desired states;
//   2. a journal left by a clean stop that did not finish → stop the leftovers, start nothing;
//   3. otherwise, with `resurrect` (svctld --resurrect, for boot) → restore dump.json.
// Crash recovery wins over --resurrect: the journal is newer than any dump.
// Nothing in the journal stops the daemon from starting: see previous-journal.ts; what was set aside or
// skipped is logged and becomes a notice for the next CLI call.
import { journalRejectedPath } from '@svctl/protocol';
import type { Logger } from 'pino';
import type { Supervisor } from '../supervisor/supervisor.js';
import { writeFileAtomic } from '../runtime/home.js';
import { readDump } from './dump.js';
import { JOURNAL_ENDED_DELAY_MS, JournalWriter } from './journal.js';
import { stopLeftovers } from './leftovers.js';
import { readPreviousJournal, type PreviousJournal, type RejectedEntry } from './previous-journal.js';

export interface BootOptions {
  home: string;
  supervisor: Supervisor;
  logger: Logger;
  resurrect: boolean;
}

export type BootOutcome = 'fresh' | 'recovered' | 'cleaned-up' | 'resurrected' | 'resurrect-failed';

export interface BootResult {
  journal: JournalWriter;
  outcome: BootOutcome;
  /** For the next CLI call: what of the previous journal was set aside or skipped, and where it is kept. */
  notices: string[];
}

export async function restoreAtBoot(options: BootOptions): Promise<BootResult> {
  const { home, supervisor, logger } = options;
  let outcome: BootOutcome = 'fresh';
  const previous = readPreviousJournal(home);
  // The restored apps keep their keys while their specs are equal, so the first write names the same specs.
  const journal = new JournalWriter(home, () => supervisor.exportApps(), logger, JOURNAL_ENDED_DELAY_MS, previous.apps);
  const notices: string[] = [];
  for (const file of previous.setAside) {
    const where = file.moved_to === null ? 'it could not be moved' : `moved to ${file.moved_to}`;
    logger.error(file, 'a crash journal file is unusable and was set aside; children of the previous daemon it named, if any, cannot be verified and are left alone');
    notices.push(`the crash journal file ${file.path} is unusable (${file.reason}); ${where}`);
  }
  if (previous.header !== null) {
    const leftovers = await stopLeftovers(previous.leftovers, logger);
    if (previous.header.stopping) {
      logger.info({ ...leftovers, previous_pid: previous.header.daemon_pid }, 'the previous daemon was stopping when it died; its leftovers were stopped, nothing is started');
      outcome = 'cleaned-up';
    } else {
      const failed = await replay(previous, supervisor);
      logger.warn(
        { ...leftovers, previous_pid: previous.header.daemon_pid, apps: previous.apps.length, failed },
        'the previous daemon died without stopping: its leftovers were stopped and its apps restored from the crash journal',
      );
      outcome = 'recovered';
    }
    if (previous.rejected.length > 0) notices.push(keepRejected(home, previous.rejected, logger));
  }
  if (outcome === 'fresh' && options.resurrect) {
    try {
      const { path, dump } = readDump(home, false);
      const outcomes = await supervisor.restore(dump.apps, 'resurrect');
      logger.info({ path, saved_at: dump.saved_at, apps: outcomes.length }, 'resurrected the dump at start');
      outcome = 'resurrected';
    } catch (error) {
      // Boot must not fail over a missing or corrupt dump: the daemon runs empty and says why.
      logger.error({ err: error }, 'could not resurrect the dump at start; starting with no apps');
      outcome = 'resurrect-failed';
    }
  }
  journal.enable();
  return { journal, outcome, notices };
}

/** Restores each app on its own: one that throws is added to the rejected entries, the others come back. Returns the names that failed to start. */
async function replay(previous: PreviousJournal, supervisor: Supervisor): Promise<string[]> {
  const failed: string[] = [];
  await Promise.all(
    previous.apps.map(async (app) => {
      try {
        const [result] = await supervisor.restore([app], 'daemon_recovery');
        if (result?.failed === true) failed.push(app.spec.name);
      } catch (error) {
        previous.rejected.push({ reason: `restoring it failed: ${(error as Error).message}`, entry: { id: app.id, name: app.spec.name, desired: app.desired }, spec: app.spec });
      }
    }),
  );
  return failed;
}

/** Writes the skipped entries to journal.rejected.json (0600: specs hold environments) and says so. */
function keepRejected(home: string, rejected: RejectedEntry[], logger: Logger): string {
  const file = journalRejectedPath(home);
  const names = rejected.map(({ entry }) => (typeof entry === 'object' && entry !== null && 'name' in entry ? String(entry.name) : '?'));
  try {
    writeFileAtomic(file, `${JSON.stringify({ written_at: new Date().toISOString(), entries: rejected }, null, 2)}\n`, 0o600);
  } catch (error) {
    logger.error({ err: error, path: file }, 'cannot keep the rejected journal entries');
  }
  logger.error({ path: file, entries: rejected.map(({ reason }, index) => ({ app: names[index], reason })) }, 'crash journal entries could not be replayed; they were skipped and kept aside');
  return `${rejected.length} app(s) of the crash journal could not be restored (${names.join(', ')}: ${rejected.map(({ reason }) => reason).join('; ')}); kept in ${file}`;
}
