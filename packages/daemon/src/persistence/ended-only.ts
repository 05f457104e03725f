// Whether a new journal state differs from the one on disk only by processes that ended. Such a change
// need not be written at once: recovery verifies each recorded pid by its start time (a pid given to
// another process is left alone) and stops only what is left of its group, so a dead process still
// named on disk costs nothing; a new process, or any other change, must be on disk promptly.
import type { JournalEntry, JournalProcess } from './formats.js';

export function onlyProcessesEnded(written: readonly JournalEntry[], next: readonly JournalEntry[]): boolean {
  if (written.length !== next.length) return false;
  return next.every((entry, index) => {
    const before = written[index];
    if (before === undefined || before.id !== entry.id || before.name !== entry.name || before.desired !== entry.desired || before.spec_hash !== entry.spec_hash) return false;
    return entry.processes.every((process) => before.processes.some((old) => sameProcess(old, process)));
  });
}

function sameProcess(a: JournalProcess, b: JournalProcess): boolean {
  return a.instance === b.instance && a.pid === b.pid && a.pgid === b.pgid && a.start_time === b.start_time;
}
