// The condition of an instance's log files, for list (a line under the table when not ok) and describe.
import type { LogState } from '@svctl/protocol';

/** `ok`, `blocked (ENOSPC: no space left on device, write)`, `dropping (...), 1234 lines dropped`. */
export function formatLogState(state: LogState): string {
  const status = state.error === undefined ? state.status : `${state.status} (${state.error})`;
  return state.dropped_lines === 0 ? status : `${status}, ${state.dropped_lines} lines dropped`;
}

/** Whether list should mention it: the output is held or dropped, or was. */
export function logStateNeedsNotice(state: LogState | undefined): state is LogState {
  return state !== undefined && (state.status !== 'ok' || state.dropped_lines > 0);
}
