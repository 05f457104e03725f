// The daemon's file descriptor budget: its soft RLIMIT_NOFILE against what is open now. A spawn that
// would eat into the reserve kept for clients, the journal and the daemon log fails with EMFILE instead
// of leaving the daemon unable to accept a connection (or crashing on an EMFILE deep in libuv).
import fs from 'node:fs';

/** Descriptors kept free for the daemon itself: client connections, the journal, its log, probes. */
export const DESCRIPTOR_RESERVE = 64;
/** Descriptors one spawn needs at its peak: both ends of the stdout, stderr and IPC pipes, libuv's exec pipe. */
export const DESCRIPTORS_PER_SPAWN = 8;
/** Log files a live child's output may still open (they open on the first line, later than the spawn). */
export const LOG_FILES_PER_CHILD = 2;

export interface DescriptorCounts {
  /** The soft RLIMIT_NOFILE, or null when unknown (no budget is enforced). */
  limit: number | null;
  /** Descriptors the daemon has open now. */
  open: number;
  /** Children alive now. */
  children: number;
}

/** The EMFILE reason when one more spawn would not fit, else null. */
export function findDescriptorShortage(counts: DescriptorCounts): string | null {
  if (counts.limit === null) return null;
  const projected = counts.open + counts.children * LOG_FILES_PER_CHILD + DESCRIPTORS_PER_SPAWN + DESCRIPTOR_RESERVE;
  if (projected <= counts.limit) return null;
  return (
    `spawn EMFILE: the daemon's descriptor budget is spent (${counts.open} open, ${counts.children} children, ` +
    `soft RLIMIT_NOFILE ${counts.limit}, ${DESCRIPTOR_RESERVE} kept for clients); raise the daemon's ulimit -n or run fewer instances`
  );
}

/** `Max open files  1024  4096  files` in /proc/<pid>/limits → 1024; null when unlimited or unreadable. */
export function parseSoftFileLimit(limits: string): number | null {
  const match = /^Max open files\s+(\d+)\s/m.exec(limits);
  return match === null ? null : Number(match[1]);
}

/** Read once: node raises the soft limit to the hard one at start-up, so this is the value it runs with. */
let softLimit: number | null | undefined;

export function readSoftFileLimit(): number | null {
  softLimit ??= parseSoftFileLimit(readOrEmpty('/proc/self/limits'));
  return softLimit;
}

/** A count of /proc/self/fd older than this is refreshed before the next spawn. */
export const RECOUNT_MS = 1000;

/**
 * The budget check before each spawn, without listing /proc/self/fd every time (at 1,000 children that
 * listing cost 3 s of a 17 s start-up). The last count plus DESCRIPTORS_PER_SPAWN per spawn since is an
 * upper bound (descriptors that closed only make it pessimistic); the directory is listed again only when
 * that bound would not fit, or the count is over RECOUNT_MS old, so near the limit every check is exact.
 */
export class DescriptorBudget {
  #open = 0;
  #spawnsSince = 0;
  #countedAt = -Infinity;

  constructor(
    private readonly countOpen: () => number,
    private readonly now: () => number,
  ) {}

  /** The EMFILE reason when one more spawn would not fit, else null (and the spawn is counted). */
  admit(limit: number | null, children: number): string | null {
    if (limit === null) return null;
    const estimate = { limit, open: this.#open + this.#spawnsSince * DESCRIPTORS_PER_SPAWN, children };
    if (this.now() - this.#countedAt >= RECOUNT_MS || findDescriptorShortage(estimate) !== null) {
      this.#open = this.countOpen();
      this.#spawnsSince = 0;
      this.#countedAt = this.now();
    }
    const shortage = findDescriptorShortage({ limit, open: this.#open + this.#spawnsSince * DESCRIPTORS_PER_SPAWN, children });
    if (shortage === null) this.#spawnsSince++;
    return shortage;
  }
}

export function countOpenDescriptors(): number {
  try {
    return fs.readdirSync('/proc/self/fd').length;
  } catch {
    return 0;
  }
}

function readOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
