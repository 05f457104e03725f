// Who a pid is: its process group and its start time (/proc/PID/stat field 22, clock ticks since boot).
// A pid alone is not an identity: the kernel recycles pids, and a recycled one has another start time.
import fs from 'node:fs';

export interface ProcIdentity {
  pid: number;
  /** Field 5. */
  pgid: number;
  /** Field 22: start time in clock ticks after boot. Stable for the life of the process. */
  startTime: number;
  /** Field 3: R, S, D, Z (zombie), X (dead)... */
  state: string;
}

/** Parses /proc/PID/stat; the command name (field 2) may contain spaces and parentheses. */
export function parseIdentity(pid: number, stat: string): ProcIdentity | null {
  const close = stat.lastIndexOf(')');
  if (close === -1) return null;
  // Fields from 3 (state) on; field N is at index N - 3.
  const fields = stat.slice(close + 2).split(' ');
  const state = fields[0];
  const pgid = Number(fields[5 - 3]);
  const startTime = Number(fields[22 - 3]);
  if (state === undefined || !Number.isInteger(pgid) || !Number.isInteger(startTime)) return null;
  return { pid, pgid, startTime, state };
}

export function readIdentity(pid: number): ProcIdentity | null {
  try {
    return parseIdentity(pid, fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}

export function isLiveState(state: string): boolean {
  return state !== 'Z' && state !== 'X';
}

/** Live (non-zombie) members of a process group. */
export function liveGroupMembers(pgid: number): ProcIdentity[] {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  const members: ProcIdentity[] = [];
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    const identity = readIdentity(Number(name));
    if (identity !== null && identity.pgid === pgid && isLiveState(identity.state)) members.push(identity);
  }
  return members;
}
