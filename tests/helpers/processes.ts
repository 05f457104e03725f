import fs from 'node:fs';
import { isAlive } from './wait.js';

/** Live (non-zombie) processes whose environment holds NAME=value: how tests count an app's processes. */
export function pidsWithEnv(name: string, value: string): number[] {
  const needle = `${name}=${value}`;
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let environ: string;
    try {
      environ = fs.readFileSync(`/proc/${entry}/environ`, 'utf8');
    } catch {
      continue; // gone, or not ours to read
    }
    if (environ.split('\0').includes(needle) && isAlive(Number(entry))) pids.push(Number(entry));
  }
  return pids.sort((a, b) => a - b);
}

/** Open file descriptors of a process. */
export function fdCount(pid: number): number {
  return fs.readdirSync(`/proc/${pid}/fd`).length;
}

/** /proc/PID/stat field 22: start time in clock ticks since boot. */
export function startTimeOf(pid: number): number {
  return Number(statFields(pid)[22 - 3]);
}

/** /proc/PID/stat field 4: the parent's pid. */
export function parentOf(pid: number): number {
  return Number(statFields(pid)[4 - 3]);
}

/** The command line of a process, words joined by spaces. */
export function commandLineOf(pid: number): string {
  return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
}

// The fields of /proc/PID/stat from field 3 (state) on: "pid (comm) state ...", comm may hold spaces.
function statFields(pid: number): string[] {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

export function readDaemonPid(home: string): number {
  return Number.parseInt(fs.readFileSync(`${home}/daemon.pid`, 'utf8'), 10);
}
