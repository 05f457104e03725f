// After a crash: the previous daemon's children that are still alive, verified by pid AND start
// time, have their process groups stopped cleanly (stop_signal, then SIGKILL after kill_timeout).
import type { Logger } from 'pino';
import { terminateGroup } from '../os/kill.js';
import { groupMembers, readStat } from '../os/procfs.js';
import { toSignal } from '../os/signals.js';
import type { JournalProcess } from './formats.js';
import type { LeftoverApp } from './previous-journal.js';

export type LeftoverVerdict = 'ours' | 'gone' | 'recycled';

/**
 * Whether the recorded process (or what is left of its group) still belongs to us.
 * - The pid exists with another start time: the pid was recycled, so our group is empty (Linux does
 *   not reuse a pid while it still names a process group); leave it alone.
 * - Otherwise, live members of the recorded group started no earlier than our process are ours:
 *   the leader itself, or children it left behind after it exited.
 */
export function judgeLeftover(recorded: JournalProcess): LeftoverVerdict {
  const now = readStat(recorded.pid);
  if (now !== null && now.starttime !== recorded.start_time) return 'recycled';
  const members = groupMembers(recorded.pgid).filter((member) => member.starttime >= recorded.start_time);
  return members.length > 0 ? 'ours' : 'gone';
}

export interface LeftoverReport {
  stopped: number;
  recycled: number;
  gone: number;
}

/** Stops every verified leftover group in parallel; resolves when they are gone. */
export async function stopLeftovers(apps: readonly LeftoverApp[], logger: Logger): Promise<LeftoverReport> {
  const report: LeftoverReport = { stopped: 0, recycled: 0, gone: 0 };
  const stops: Array<Promise<void>> = [];
  for (const app of apps) {
    const signal = toSignal(app.stop_signal) ?? 'SIGTERM';
    for (const recorded of app.processes) {
      const verdict = judgeLeftover(recorded);
      const where = { app: app.name, instance: recorded.instance, child_pid: recorded.pid, pgid: recorded.pgid, start_time: recorded.start_time };
      if (verdict === 'recycled') {
        report.recycled += 1;
        logger.warn(where, 'journal pid now belongs to another process (different start time); left alone');
        continue;
      }
      if (verdict === 'gone') {
        report.gone += 1;
        continue;
      }
      report.stopped += 1;
      logger.warn(where, `stopping a process group left by the previous daemon (${signal}, SIGKILL after ${app.kill_timeout} ms)`);
      stops.push(
        terminateGroup(recorded.pgid, signal, app.kill_timeout).then((outcome) => {
          if (outcome.survivors) logger.error(where, 'some processes of the leftover group survived SIGKILL');
        }),
      );
    }
  }
  await Promise.all(stops);
  return report;
}
