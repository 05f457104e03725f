// A short-lived helper process with bounds: it leads its own process group, has a deadline (and
// optionally a resident-memory limit), and whatever it started is killed with it: SIGKILL to the
// whole group on the deadline, on the limit, on cancel, and when the helper itself exits (nothing
// it started may outlive it). Output is collected up to a byte bound. Used for exec probes, alert
// commands, the app-file loader and the evaluation of JS/TS app files.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { readStat, readSystemConstants } from './procfs.js';

export interface HelperRequest {
  /** argv: the program and its arguments (no shell). */
  command: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Written to stdin, which is then closed; without it stdin is /dev/null. */
  input?: string;
  /** Kill the group after this long. */
  timeoutMs: number;
  /** Kill the group when the helper's resident memory passes this many bytes (checked every 100 ms). */
  rssLimitBytes?: number;
  /** Bytes kept of each collected output (stderr keeps its end, stdout and the reply their start). */
  outputLimit?: number;
  /** Which outputs to collect; the reply is fd 3, for an answer that the program's prints cannot corrupt. */
  collect?: { stdout?: boolean; stderr?: boolean; reply?: boolean };
  /** Called once the helper runs, with a cancel function (SIGKILL to the group). */
  onStart?: (cancel: () => void) => void;
}

/** Why the group was killed, when it was. */
export type HelperKill = 'timeout' | 'memory' | 'cancelled';

export interface HelperResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  killed: HelperKill | null;
  stdout: string;
  stderr: string;
  reply: string;
}

const DEFAULT_OUTPUT_LIMIT = 64 * 1024;
const MEMORY_CHECK_INTERVAL_MS = 100;
/** After the helper exits, how long its stdio may stay open (held by a process outside its group). */
const STDIO_GRACE_MS = 1000;

let pageSize: number | undefined;

/** Runs the helper to its end. Rejects only when it cannot be started at all (ENOENT, EACCES...). */
export function runHelper(request: HelperRequest): Promise<HelperResult> {
  const [file, ...args] = request.command;
  if (file === undefined) return Promise.reject(new Error('empty command'));
  const collect = request.collect ?? {};
  const limit = request.outputLimit ?? DEFAULT_OUTPUT_LIMIT;
  return new Promise((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = spawn(file, args, {
        cwd: request.cwd,
        env: request.env,
        detached: true, // its own process group: every kill below reaches what it started
        stdio: [request.input === undefined ? 'ignore' : 'pipe', collect.stdout === true ? 'pipe' : 'ignore', collect.stderr === true ? 'pipe' : 'ignore', ...(collect.reply === true ? (['pipe'] as const) : [])],
      });
    } catch (error) {
      reject(error as Error);
      return;
    }
    let killed: HelperKill | null = null;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    const timers: NodeJS.Timeout[] = [];
    const kill = (why: HelperKill) => {
      if (killed === null && exit === null) killed = why;
      killGroup(child.pid);
    };
    const stdout = collectHead(child.stdout, limit);
    const stderr = collectTail(child.stderr, limit);
    const reply = collectHead(child.stdio[3] as Readable | null | undefined, limit);
    timers.push(setTimeout(() => kill('timeout'), request.timeoutMs));
    if (request.rssLimitBytes !== undefined && child.pid !== undefined) {
      const pid = child.pid;
      const limitBytes = request.rssLimitBytes;
      timers.push(setInterval(() => {
        const stat = readStat(pid);
        pageSize ??= readSystemConstants().pageSize;
        if (stat !== null && stat.rssPages * pageSize > limitBytes) kill('memory');
      }, MEMORY_CHECK_INTERVAL_MS));
    }
    request.onStart?.(() => kill('cancelled'));
    let settled = false;
    child.once('error', (error) => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      killGroup(child.pid);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      killGroup(child.pid); // leftovers of the group: nothing outlives the helper
      // A process that left the group may still hold a pipe open: stop waiting for it.
      timers.push(setTimeout(() => child.stdio.forEach((stream) => stream?.destroy()), STDIO_GRACE_MS));
    });
    child.once('close', (code: number | null, signal: NodeJS.Signals | null) => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      const final = exit ?? { code, signal };
      resolve({ code: final.code, signal: final.signal, killed, stdout: stdout(), stderr: stderr(), reply: reply() });
    });
    if (request.input !== undefined && child.stdin !== null) {
      // A helper that does not read its stdin must not fail because of it.
      child.stdin.on('error', () => undefined);
      child.stdin.end(request.input);
    }
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Keeps the last `limit` bytes (the end of an error output says most). */
function collectTail(stream: Readable | null | undefined, limit: number): () => string {
  let kept = Buffer.alloc(0);
  stream?.on('data', (chunk: Buffer) => {
    kept = Buffer.concat([kept, chunk]);
    if (kept.length > limit) kept = kept.subarray(kept.length - limit);
  });
  stream?.on('error', () => undefined);
  return () => kept.toString('utf8');
}

/** Keeps the first `limit` bytes, then stops collecting (an answer past the bound is cut and fails to parse). */
function collectHead(stream: Readable | null | undefined, limit: number): () => string {
  const chunks: Buffer[] = [];
  let size = 0;
  stream?.on('data', (chunk: Buffer) => {
    if (size >= limit) return;
    chunks.push(chunk.subarray(0, limit - size));
    size += Math.min(chunk.length, limit - size);
  });
  stream?.on('error', () => undefined);
  return () => Buffer.concat(chunks).toString('utf8');
}
