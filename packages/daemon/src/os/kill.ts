// Signalling a child's whole process group, and the stop sequence: signal → kill_timeout → SIGKILL.
import { setTimeout as sleep } from 'node:timers/promises';
import { liveGroups } from './procfs.js';
import type { GroupTermination } from './seam.js';

const POLL_INTERVAL_MS = 25;
/** How long to wait for SIGKILL to take effect (a process in uninterruptible sleep can delay it). */
const AFTER_SIGKILL_WAIT_MS = 5000;

/** Sends a signal to every process of the group; false when no process of the group exists. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    if (isErrno(error, 'ESRCH')) return false;
    throw error;
  }
}

// The group counts as alive while a member of it is not a zombie. Zombies stay in the group until
// their parent reaps them, and in a container whose init never reaps, orphaned ones stay forever.
// Checks asked for in the same turn share one look at /proc: 1,000 groups stopping at once cost one
// scan per poll, not one each.
export function isGroupAlive(pgid: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (pendingChecks === null) {
      pendingChecks = new Map();
      setImmediate(answerPendingChecks);
    }
    const waiting = pendingChecks.get(pgid);
    if (waiting === undefined) pendingChecks.set(pgid, [resolve]);
    else waiting.push(resolve);
  });
}

let pendingChecks: Map<number, Array<(alive: boolean) => void>> | null = null;

function answerPendingChecks(): void {
  const checks = pendingChecks ?? new Map<number, Array<(alive: boolean) => void>>();
  pendingChecks = null;
  const existing = [...checks.keys()].filter(groupExists);
  const alive = process.platform === 'linux' ? liveGroups(existing) : new Set(existing);
  for (const [pgid, waiting] of checks) for (const resolve of waiting) resolve(alive.has(pgid));
}

function groupExists(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return !isErrno(error, 'ESRCH');
  }
}

/** Sends `signal` to the group, then SIGKILL to whatever is left of it after `killTimeoutMs`. */
export async function terminateGroup(pgid: number, signal: NodeJS.Signals, killTimeoutMs: number): Promise<GroupTermination> {
  if (!signalGroup(pgid, signal)) return { forced: false, survivors: false };
  // Waits for the group, not the leader: a grandchild ignoring the signal must still get SIGKILL.
  if (await waitForGroupGone(pgid, killTimeoutMs)) return { forced: false, survivors: false };
  signalGroup(pgid, 'SIGKILL');
  return { forced: true, survivors: !(await waitForGroupGone(pgid, AFTER_SIGKILL_WAIT_MS)) };
}

async function waitForGroupGone(pgid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!(await isGroupAlive(pgid))) return true;
    if (Date.now() >= deadline) return false;
    await sleep(Math.min(POLL_INTERVAL_MS, Math.max(0, deadline - Date.now())));
  }
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
