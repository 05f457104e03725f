// The exit code of svctl-runtime (docs/runtime.md): pure decisions from the instances' final rows.
import os from 'node:os';
import type { InstanceRow, ReasonCode } from '@svctl/protocol';

export type FinalRow = Pick<InstanceRow, 'status' | 'reason' | 'exit_code' | 'signal'>;

/** An instance that ended for good, and when (ms). */
export interface EndedInstance {
  row: FinalRow;
  endedAt: number;
}

/** Ends svctl caused (a stop, a delete, a scale-down, the runtime's own shutdown): not the app's failure. */
const ENDED_BY_SVCTL: ReadonlySet<ReasonCode> = new Set(['user_stop', 'user_delete', 'daemon_shutdown', 'scale', 'reload']);

/** 128 + the signal's number, as shells and container engines report a death by signal. */
export function signalCode(signal: string): number {
  return 128 + (os.constants.signals[signal as NodeJS.Signals] ?? 0);
}

/** What one ended instance leaves: its own exit code, 128+signal, 1 for an errored one without a failing code; 0 when svctl stopped it. */
export function instanceCode(row: FinalRow): number {
  if (row.reason !== null && ENDED_BY_SVCTL.has(row.reason)) return 0;
  const own = row.exit_code ?? (row.signal === null ? 0 : signalCode(row.signal));
  return own === 0 && row.status === 'errored' ? 1 : own;
}

/** The code of the instance that failed first (by the time it ended), or 0 when none failed. */
export function firstFailureCode(ended: readonly EndedInstance[]): number {
  const failures = ended.filter(({ row }) => instanceCode(row) !== 0).sort((a, b) => a.endedAt - b.endedAt);
  return failures.length === 0 ? 0 : instanceCode(failures[0]!.row);
}

/**
 * After SIGTERM/SIGINT: a failure from before the signal keeps its code; otherwise 0 when every instance
 * stopped within its kill_timeout, 128+the received signal when one had to be killed with SIGKILL.
 */
export function shutdownCode(failureBefore: number, rowsAfter: readonly FinalRow[], received: NodeJS.Signals): number {
  if (failureBefore !== 0) return failureBefore;
  const forced = rowsAfter.some((row) => row.reason === 'daemon_shutdown' && row.signal === 'SIGKILL');
  return forced ? signalCode(received) : 0;
}
