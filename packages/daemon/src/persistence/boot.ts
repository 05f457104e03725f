// What a starting daemon does with the state on disk, before it takes requests:
//   1. a journal left by a daemon that died without stopping → stop its surviving children (verified
//      by pid and start time), then start the apps it was running, with their ids and desired states;
//   2. a journal left by a clean stop that did not finish → stop the leftovers, start nothing;
//   3. otherwise, with `resurrect` (svctld --resurrect, for boot) → restore dump.json.
// Crash recovery wins over --resurrect: the journal is newer than any dump.
import type { Logger } from 'pino';
import type { Supervisor } from '../supervisor/supervisor.js';
import { readDump } from './dump.js';
import { JournalWriter, readPreviousJournal } from './journal.js';
import { stopLeftovers } from './leftovers.js';

export interface BootOptions {
  home: string;
  supervisor: Supervisor;
  logger: Logger;
  resurrect: boolean;
}

export type BootOutcome = 'fresh' | 'recovered' | 'cleaned-up' | 'resurrected' | 'resurrect-failed';

export async function restoreAtBoot(options: BootOptions): Promise<{ journal: JournalWriter; outcome: BootOutcome }> {
  const { home, supervisor, logger } = options;
  const journal = new JournalWriter(home, () => supervisor.exportApps(), logger);
  let outcome: BootOutcome = 'fresh';
  const previous = readPreviousJournal(home);
  if (previous.kind === 'corrupt') {
    logger.error({ reason: previous.reason, moved_to: previous.movedTo }, 'the crash journal is unreadable; children of the previous daemon, if any, cannot be verified and are left alone');
  } else if (previous.kind === 'found') {
    const leftovers = await stopLeftovers(previous.journal, logger);
    if (previous.journal.stopping) {
      logger.info({ ...leftovers, previous_pid: previous.journal.daemon_pid }, 'the previous daemon was stopping when it died; its leftovers were stopped, nothing is started');
      outcome = 'cleaned-up';
    } else {
      const outcomes = await supervisor.restore(previous.journal.apps, 'daemon_recovery');
      logger.warn(
        { ...leftovers, previous_pid: previous.journal.daemon_pid, apps: outcomes.length, failed: outcomes.filter((entry) => entry.failed === true).map((entry) => entry.app) },
        'the previous daemon died without stopping: its leftovers were stopped and its apps restored from the crash journal',
      );
      outcome = 'recovered';
    }
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
  return { journal, outcome };
}
