// Spawning with execa: each child leads its own process group and gets exactly the environment given.
import type { ResultPromise } from 'execa';
import { findSpawnProblem } from './preflight.js';
import type { ChildExit, SpawnOutcome, SpawnRequest } from './seam.js';

const SPAWN_OPTIONS = {
  detached: true, // own process group, so a stop reaches the child's children too
  cleanup: false, // children outlive the daemon; a restarted daemon finds them again
  buffer: false, // output is streamed to the log writers, never kept in memory
  reject: false,
  extendEnv: false, // the env we pass is complete
  stdin: 'ignore', // EOF on read rather than a pipe nobody writes to
  stdout: 'pipe',
  stderr: 'pipe',
} as const;

export async function spawnChild(request: SpawnRequest): Promise<SpawnOutcome> {
  const problem = await findSpawnProblem(request);
  if (problem !== null) return { ok: false, reason: problem };
  const [file = '', ...args] = request.command;
  // Loaded on the first spawn, not at daemon start (keeps the idle daemon small).
  const { execa } = await import('execa');
  const ipc = request.ipc === true; // only for wait_ready: pm2's `process.send('ready')`
  const subprocess = execa(file, args, { ...SPAWN_OPTIONS, cwd: request.cwd, env: { ...request.env }, shell: request.shell, ipc });
  // libuv reports fork/exec failures synchronously: no pid means nothing was started.
  if (subprocess.pid === undefined) return { ok: false, reason: await describeSpawnError(subprocess, file) };
  return {
    ok: true,
    child: {
      pid: subprocess.pid,
      stdout: subprocess.stdout,
      stderr: subprocess.stderr,
      exited: waitForExit(subprocess),
      ...(ipc ? { onMessage: (listener: (message: unknown) => void) => void subprocess.on('message', listener) } : {}),
    },
  };
}

// The 'exit' event, not execa's promise: that one also waits for stdio to close, which a surviving
// grandchild can keep open. execa still reaps the child (waitpid) either way.
function waitForExit(subprocess: ResultPromise): Promise<ChildExit> {
  return new Promise((resolve) => {
    subprocess.once('exit', (code: number | null, signal: NodeJS.Signals | null) => resolve({ code, signal }));
  });
}

async function describeSpawnError(subprocess: ResultPromise, file: string): Promise<string> {
  const result = await subprocess;
  const code = 'code' in result && typeof result.code === 'string' ? result.code : result.shortMessage;
  return `spawn ${code}: ${file}`;
}
