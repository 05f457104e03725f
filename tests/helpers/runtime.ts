import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type { TestContext } from 'node:test';
import { RUNTIME_BIN } from './paths.js';
import { waitFor } from './wait.js';

export interface RunningRuntime {
  child: ChildProcess;
  /** The host's pid of the process that is PID 1 in the runtime's namespace (tini, the reaping shell, or node). */
  pid1: number;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code of the container (unshare passes on its PID 1's code). */
  exited: Promise<number | null>;
}

export interface RuntimeOptions {
  home: string;
  args: string[];
  cwd?: string;
  env?: Record<string, string>;
}

/** svctl-runtime as PID 1 of a new PID namespace, as a container engine runs it (`unshare --pid --fork --mount-proc`, root only). */
function spawnRuntime(options: RuntimeOptions): Omit<RunningRuntime, 'pid1'> {
  const child = spawn('unshare', ['--pid', '--fork', '--mount-proc', '--kill-child', RUNTIME_BIN, ...options.args], {
    cwd: options.cwd,
    env: { ...process.env, SVCTL_HOME: options.home, NO_COLOR: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

/**
 * Starts svctl-runtime in a new PID namespace and waits for its "running" line. Cleanup kills the
 * namespace's PID 1 (and so every process in it) if the test left it running.
 */
export async function startRuntime(t: TestContext, options: RuntimeOptions): Promise<RunningRuntime> {
  const runtime = spawnRuntime(options);
  const { child, exited } = runtime;
  const pid1 = await waitFor('the namespace PID 1 (the child of unshare)', () => childrenOf(child.pid ?? 0)[0]);
  t.after(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(pid1, 'SIGKILL');
    } catch {
      // already gone
    }
    await exited;
  });
  await Promise.race([
    waitFor('the runtime to report running', () => runtime.stderr().includes('running (pid'), { timeoutMs: 30_000 }),
    exited.then((code) => {
      throw new Error(`svctl-runtime exited with ${code} before it ran\nstdout: ${runtime.stdout()}\nstderr: ${runtime.stderr()}`);
    }),
  ]);
  return { ...runtime, pid1 };
}

/** Runs svctl-runtime (in a new PID namespace) to its end and returns its code and output. */
export async function runRuntimeToExit(options: RuntimeOptions & { timeoutMs?: number }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const runtime = spawnRuntime(options);
  const timer = setTimeout(() => runtime.child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  const code = await runtime.exited;
  clearTimeout(timer);
  return { code, stdout: runtime.stdout(), stderr: runtime.stderr() };
}

/** The children of a process, from /proc (empty when it has none or is gone). */
export function childrenOf(pid: number): number[] {
  try {
    return fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .split(' ')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** The process whose command line contains `needle`, if one exists (zombies have no command line). */
export function findProcess(needle: string): number | undefined {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(needle)) return Number(entry);
    } catch {
      // gone
    }
  }
  return undefined;
}

/** The state letter of a process (R, S, Z...), or undefined once it is gone (reaped). */
export function stateOf(pid: number): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
  } catch {
    return undefined;
  }
}

/** The words that run a command in the runtime's PID and mount namespaces, as `docker exec` does. */
export function insideRuntime(runtime: RunningRuntime): string[] {
  return ['nsenter', '--target', String(runtime.pid1), '--pid', '--mount', '--'];
}
