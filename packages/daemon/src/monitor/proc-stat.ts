// Reads the process table straight from /proc: one directory listing and one small read of
// /proc/PID/stat per process per tick. That file alone has everything sampling needs (state,
// process group, utime/stime, start time, RSS), so no child process, no statm/status reads, and
// no dependency (pidusage would read the same file per pid, and spawns `getconf` on first use).
import fs from 'node:fs';

/** One line of /proc/PID/stat, reduced to what sampling uses. */
export interface ProcStat {
  pid: number;
  /** Process group id (field 5). */
  pgrp: number;
  /** utime + stime in clock ticks (fields 14 and 15). */
  ticks: number;
  /** Start time after boot in clock ticks (field 22): with pid, identifies one process across reuse. */
  starttime: number;
  /** Resident pages (field 24). */
  rssPages: number;
}

export interface SystemConstants {
  pageSize: number;
  clockTicksPerSecond: number;
}

const AT_PAGESZ = 6n;
const AT_CLKTCK = 17n;

/** Page size and USER_HZ from the kernel's auxiliary vector of this process (exact, no `getconf` child). */
export function readSystemConstants(auxvPath = '/proc/self/auxv'): SystemConstants {
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

/** Parses one /proc/PID/stat line; null for zombies, dead tasks and unreadable text. */
export function parseStat(pid: number, text: string): ProcStat | null {
  // The command name (field 2) is in parentheses and may itself contain spaces and parentheses.
  const close = text.lastIndexOf(')');
  if (close === -1) return null;
  const fields = text.slice(close + 2).split(' ');
  const state = fields[0];
  if (state === undefined || state === 'Z' || state === 'X' || state === 'x') return null;
  // fields[0] is field 3 of the man page, so field N is fields[N - 3].
  const pgrp = Number(fields[2]);
  const ticks = Number(fields[11]) + Number(fields[12]);
  const starttime = Number(fields[19]);
  const rssPages = Number(fields[21]);
  if (!Number.isFinite(pgrp) || !Number.isFinite(ticks) || !Number.isFinite(rssPages)) return null;
  return { pid, pgrp, ticks, starttime, rssPages };
}

const readBuffer = Buffer.allocUnsafe(2048);

// open + one read + close: cheaper than readFileSync, which stats the file first.
function readStat(file: string): string | null {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const length = fs.readSync(fd, readBuffer, 0, readBuffer.length, 0);
    return readBuffer.toString('latin1', 0, length);
  } catch {
    return null; // the process exited between the listing and the read
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Members of the given process groups, by group id, from one scan of /proc. Zombies are skipped. */
export function scanGroups(pgids: ReadonlySet<number>, procRoot = '/proc'): Map<number, ProcStat[]> {
  const groups = new Map<number, ProcStat[]>();
  if (pgids.size === 0) return groups;
  for (const entry of fs.readdirSync(procRoot)) {
    const first = entry.charCodeAt(0);
    if (first < 48 || first > 57) continue; // not a pid folder
    const text = readStat(`${procRoot}/${entry}/stat`);
    if (text === null) continue;
    const stat = parseStat(Number(entry), text);
    if (stat === null || !pgids.has(stat.pgrp)) continue;
    const members = groups.get(stat.pgrp);
    if (members === undefined) groups.set(stat.pgrp, [stat]);
    else members.push(stat);
  }
  return groups;
}
