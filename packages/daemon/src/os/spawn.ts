// Spawning: each child leads its own process group and gets exactly the environment given. Every
// failure (the OS refusing, an exhausted descriptor budget, an exception) becomes a reason, never a throw.
// Plain node:child_process rather than execa: a supervised child lives for days, and execa's wrapper
// (promises, stream wrappers, listeners) cost ~27 KB of heap per child (bench/HISTORY.md).
import { spawn, type ChildProcess, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { countOpenDescriptors, DescriptorBudget, readSoftFileLimit } from './descriptor-budget.js';
import { findSpawnProblem } from './preflight.js';
import type { ChildExit, SpawnOutcome, SpawnRequest } from './seam.js';
import { monotonicMs } from './monotonic-clock.js';

/** Children of this daemon alive now: each may still open its log files. */
let liveChildren = 0;
const descriptors = new DescriptorBudget(countOpenDescriptors, monotonicMs);

export async function spawnChild(request: SpawnRequest): Promise<SpawnOutcome> {
  try {
    const problem = await findSpawnProblem(request);
    if (problem !== null) return { ok: false, reason: problem };
    // Checked right before the synchronous spawn, so concurrent starts cannot all pass at once.
    const shortage = descriptors.admit(readSoftFileLimit(), liveChildren);
    if (shortage !== null) return { ok: false, reason: shortage };
    return await startChild(request);
  } catch (error) {
    return { ok: false, reason: `spawn failed unexpectedly: ${error instanceof Error ? error.message : String(error)}` };
  }
}

async function startChild(request: SpawnRequest): Promise<SpawnOutcome> {
  // request.command is the exact argv; a shell app's is already `/bin/sh -c <line>`.
  const [file = '', ...args] = withListenPid(request);
  const ipc = request.ipc === true; // for wait_ready (pm2's `process.send('ready')`) and cluster primaries
  const held = request.listen?.fds ?? [];
  const subprocess = spawn(file, args, {
    cwd: request.cwd,
    env: { ...request.env, ...listenEnv(request) }, // complete: nothing is inherited
    detached: true, // own process group, so a stop reaches the child's children too
    // stdin: EOF on read rather than a pipe nobody writes to; held sockets from fd 3 on.
    stdio: ['ignore', 'pipe', 'pipe', ...held, ...(ipc ? (['ipc'] as const) : [])],
  });
  // Without a listener, an 'error' (EMFILE, ENOENT, a failed kill or IPC send) would be an uncaught exception.
  const failed = new Promise<Error>((resolve) => subprocess.on('error', resolve));
  // libuv reports fork/exec failures synchronously: no pid means nothing was started.
  if (subprocess.pid === undefined) {
    const error = (await failed) as NodeJS.ErrnoException;
    return { ok: false, reason: `spawn ${error.code ?? error.message}: ${file}` };
  }
  liveChildren++;
  const { stdout, stderr } = subprocess as ChildProcessByStdio<null, Readable, Readable>; // both 'pipe'
  return {
    ok: true,
    child: {
      pid: subprocess.pid,
      stdout,
      stderr,
      exited: waitForExit(subprocess),
      ...(ipc
        ? {
            onMessage: (listener: (message: unknown) => void) => void subprocess.on('message', listener),
            send: (message: unknown) => subprocess.connected && subprocess.send(message as object),
          }
        : {}),
    },
  };
}

// systemd's socket activation: LISTEN_PID must be the pid of the process that reads it, which is only known
// once it runs. A fixed /bin/sh line sets it to its own pid, then execs the exact argv (same pid, no parsing).
const SET_LISTEN_PID = 'LISTEN_PID=$$; export LISTEN_PID; exec "$@"';

function withListenPid(request: SpawnRequest): readonly string[] {
  return request.listen === undefined ? request.command : ['/bin/sh', '-c', SET_LISTEN_PID, 'svctl-listen', ...request.command];
}

function listenEnv(request: SpawnRequest): Record<string, string> {
  if (request.listen === undefined) return {};
  return { LISTEN_FDS: String(request.listen.fds.length), LISTEN_FDNAMES: request.listen.names.join(':') };
}

// The 'exit' event, not 'close': that one also waits for stdio to close, which a surviving
// grandchild can keep open. Node reaps the child (waitpid) either way.
function waitForExit(subprocess: ChildProcess): Promise<ChildExit> {
  return new Promise((resolve) => {
    subprocess.once('exit', (code, signal) => {
      liveChildren--;
      resolve({ code, signal });
    });
  });
}
