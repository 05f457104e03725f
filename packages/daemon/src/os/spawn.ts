// Spawning with node:child_process: each child leads its own process group and gets exactly the
// environment given. Plain spawn rather than execa: a supervised child lives for days, and execa's
// wrapper (promises, stream wrappers, listeners) cost ~27 KB of heap per child (bench/RESULTS.md).
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import type { Readable } from 'node:stream';
import { findSpawnProblem } from './preflight.js';
import type { ChildExit, SpawnOutcome, SpawnRequest } from './seam.js';

// stdin: EOF on read rather than a pipe nobody writes to; an IPC channel only for wait_ready (pm2's `process.send('ready')`).
const STDIO: StdioOptions = ['ignore', 'pipe', 'pipe'];
const STDIO_WITH_IPC: StdioOptions = ['ignore', 'pipe', 'pipe', 'ipc'];

export async function spawnChild(request: SpawnRequest): Promise<SpawnOutcome> {
  const problem = await findSpawnProblem(request);
  if (problem !== null) return { ok: false, reason: problem };
  const [file = '', ...args] = request.command;
  const ipc = request.ipc === true;
  let subprocess: ChildProcess;
  try {
    subprocess = spawn(file, args, {
      detached: true, // own process group, so a stop reaches the child's children too
      cwd: request.cwd,
      env: { ...request.env }, // complete: nothing inherited
      shell: request.shell,
      stdio: ipc ? STDIO_WITH_IPC : STDIO,
    });
  } catch (error) {
    return { ok: false, reason: spawnReason(error, file) };
  }
  // libuv reports fork/exec failures at once: no pid means nothing was started (the 'error' event says why).
  if (subprocess.pid === undefined) return { ok: false, reason: await spawnError(subprocess, file) };
  // A later error (a signal to a child already gone) must not be an uncaught exception.
  subprocess.on('error', () => undefined);
  return {
    ok: true,
    child: {
      pid: subprocess.pid,
      stdout: subprocess.stdout as Readable,
      stderr: subprocess.stderr as Readable,
      exited: waitForExit(subprocess),
      ...(ipc ? { onMessage: (listener: (message: unknown) => void) => void subprocess.on('message', listener) } : {}),
    },
  };
}

// The 'exit' event, not 'close': that one also waits for stdio to close, which a surviving grandchild can keep open.
function waitForExit(subprocess: ChildProcess): Promise<ChildExit> {
  return new Promise((resolve) => {
    subprocess.once('exit', (code: number | null, signal: NodeJS.Signals | null) => resolve({ code, signal }));
  });
}

function spawnError(subprocess: ChildProcess, file: string): Promise<string> {
  return new Promise((resolve) => subprocess.once('error', (error) => resolve(spawnReason(error, file))));
}

function spawnReason(error: unknown, file: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  return `spawn ${code ?? (error as Error).message}: ${file}`;
}
