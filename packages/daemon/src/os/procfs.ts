// The process table, read straight from /proc: /proc/PID/stat alone has everything the daemon needs
// (state, parent, process group, utime/stime, start time, RSS), so no child process, no statm/status
// reads, and no dependency. The one place in the daemon that knows /proc's formats.
import fs from 'node:fs';

/** One line of /proc/PID/stat, reduced to what the daemon uses. */
export interface ProcStat {
  pid: number;
  /** Field 3: R, S, D, Z (zombie), X (dead)... */
  state: string;
  /** Field 4. */
  ppid: number;
  /** Process group id (field 5). */
  pgrp: number;
  /** utime + stime in clock ticks (fields 14 and 15). */
  ticks: number;
  /** Start time after boot in clock ticks (field 22): with pid, identifies one process across pid reuse. */
  starttime: number;
  /** Resident pages (field 24). */
  rssPages: number;
}

export interface SystemConstants {
  pageSize: number;
  clockTicksPerSecond: number;
}

export const PROC_ROOT = '/proc';

const AT_PAGESZ = 6n;
const AT_CLKTCK = 17n;

/** Page size and USER_HZ from the kernel's auxiliary vector of this process (exact, no `getconf` child). */
export function readSystemConstants(auxvPath = `${PROC_ROOT}/self/auxv`): SystemConstants {
  const constants: SystemConstants = { pageSize: 4096, clockTicksPerSecond: 100 };
  try {
    const auxv = fs.readFileSync(auxvPath);
    for (let offset = 0; offset + 16 <= auxv.length; offset += 16) {
      const type = auxv.readBigUInt64LE(offset);
      const value = Number(auxv.readBigUInt64LE(offset + 8));
      if (type === AT_PAGESZ && value > 0) constants.pageSize = value;
      if (type === AT_CLKTCK && value > 0) constants.clockTicksPerSecond = value;
    }
  } catch {
    // Not Linux, or no /proc: the defaults are Linux's usual values.
  }
  return constants;
}

/** A zombie or a dead task holds no memory and runs nothing: it only waits to be reaped. */
export function isLiveState(state: string): boolean {
  return state !== 'Z' && state !== 'X' && state !== 'x';
}

/** Parses one /proc/PID/stat line; null for unreadable text. */
export function parseStat(pid: number, text: string): ProcStat | null {
  const bytes = Buffer.from(text, 'latin1');
  return parseStatBytes(pid, bytes, bytes.length);
}

const SPACE = 32;
const CLOSE_PAREN = 41;
const DIGIT_0 = 48;
const MINUS = 45;

// Walks the bytes once, converting only the fields used (split(' ') would make ~50 strings per
// process per tick). The command name (field 2) is in parentheses and may itself contain spaces
// and parentheses, so fields are counted from the last ')'.
function parseStatBytes(pid: number, bytes: Buffer, length: number): ProcStat | null {
  let index = bytes.lastIndexOf(CLOSE_PAREN, length - 1);
  if (index === -1 || index + 2 >= length) return null;
  index += 2; // field 3 starts after ") "
  const state = String.fromCharCode(bytes[index] ?? 0);
  let field = 3;
  let ppid = NaN;
  let pgrp = NaN;
  let utime = NaN;
  let stime = NaN;
  let starttime = NaN;
  let rssPages = NaN;
  while (index < length && field <= 24) {
    // Find the end of this field and its value when it is a number we want.
    const start = index;
    while (index < length && bytes[index] !== SPACE) index += 1;
    if (field === 4 || field === 5 || field === 14 || field === 15 || field === 22 || field === 24) {
      const value = parseInteger(bytes, start, index);
      if (field === 4) ppid = value;
      else if (field === 5) pgrp = value;
      else if (field === 14) utime = value;
      else if (field === 15) stime = value;
      else if (field === 22) starttime = value;
      else rssPages = value;
    }
    index += 1;
    field += 1;
  }
  const ticks = utime + stime;
  if (!Number.isFinite(pgrp) || !Number.isFinite(ticks) || !Number.isFinite(starttime) || !Number.isFinite(rssPages)) return null;
  return { pid, state, ppid, pgrp, ticks, starttime, rssPages };
}

function parseInteger(bytes: Buffer, start: number, end: number): number {
  if (start >= end) return NaN;
  const negative = bytes[start] === MINUS;
  let value = 0;
  for (let index = negative ? start + 1 : start; index < end; index += 1) {
    const digit = (bytes[index] ?? 0) - DIGIT_0;
    if (digit < 0 || digit > 9) return NaN;
    value = value * 10 + digit;
  }
  return negative ? -value : value;
}

const readBuffer = Buffer.allocUnsafe(4096);

/** /proc/PID/stat of one process; null when it does not exist (or exited meanwhile). */
export function readStat(pid: number, procRoot = PROC_ROOT): ProcStat | null {
  // open + one read + close: cheaper than readFileSync, which stats the file first.
  let fd: number | undefined;
  try {
    fd = fs.openSync(`${procRoot}/${pid}/stat`, 'r');
    const length = fs.readSync(fd, readBuffer, 0, readBuffer.length, 0);
    return parseStatBytes(pid, readBuffer, length);
  } catch {
    return null;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Every pid in /proc (none without /proc). */
export function listPids(procRoot = PROC_ROOT): number[] {
  let entries: string[];
  try {
    entries = fs.readdirSync(procRoot);
  } catch {
    return [];
  }
  const pids: number[] = [];
  for (const entry of entries) {
    const first = entry.charCodeAt(0);
    if (first >= 48 && first <= 57) pids.push(Number(entry)); // a pid folder
  }
  return pids;
}

/** Live (non-zombie) members of the given process groups, by group id, from one scan of /proc. */
export function scanGroups(pgids: ReadonlySet<number>, procRoot = PROC_ROOT): Map<number, ProcStat[]> {
  const groups = new Map<number, ProcStat[]>();
  if (pgids.size === 0) return groups;
  for (const pid of listPids(procRoot)) {
    const stat = readStat(pid, procRoot);
    if (stat === null || !pgids.has(stat.pgrp) || !isLiveState(stat.state)) continue;
    const members = groups.get(stat.pgrp);
    if (members === undefined) groups.set(stat.pgrp, [stat]);
    else members.push(stat);
  }
  return groups;
}

/** Live (non-zombie) members of one process group. */
export function groupMembers(pgid: number, procRoot = PROC_ROOT): ProcStat[] {
  return scanGroups(new Set([pgid]), procRoot).get(pgid) ?? [];
}

/**
 * The groups among `pgids` that have a process alive (not a zombie). Each leader is read first: a group
 * whose leader lives needs no scan, and the rest share one scan of the whole table, however many they
 * are. Without /proc, every group is taken as alive.
 */
export function liveGroups(pgids: Iterable<number>, procRoot = PROC_ROOT): Set<number> {
  const alive = new Set<number>();
  const leaderless = new Set<number>();
  for (const pgid of pgids) {
    const leader = readStat(pgid, procRoot);
    if (leader !== null && leader.pgrp === pgid && isLiveState(leader.state)) alive.add(pgid);
    else leaderless.add(pgid);
  }
  if (leaderless.size === 0) return alive;
  const found = fs.existsSync(procRoot) ? scanGroups(leaderless, procRoot).keys() : leaderless;
  for (const pgid of found) alive.add(pgid);
  return alive;
}
