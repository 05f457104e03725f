import { spawn, type ChildProcess } from 'node:child_process';
import type { TestContext } from 'node:test';
import { DAEMON_ENV, DAEMON_NODE_FLAGS } from '@svctl/protocol';
import { DAEMON_BIN } from './paths.js';
import { makeHome } from './home.js';
import { isAlive, waitFor } from './wait.js';

export interface TestDaemon {
  home: string;
  pid: number;
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code once the daemon process has exited. */
  exited: Promise<number | null>;
}

/**
 * Starts `svctld` in the foreground in a fresh home, with the node flags and environment every launcher
 * gives it, and waits for its ready line; stopped on cleanup.
 */
export async function startDaemon(
  t: TestContext,
  options: { home?: string; args?: string[]; env?: Record<string, string>; /** Node options added to the daemon's, e.g. `--import` of a fixture. */ nodeArgs?: string[] } = {},
): Promise<TestDaemon> {
  const home = options.home ?? makeHome(t);
  const child = spawn(process.execPath, [...DAEMON_NODE_FLAGS, ...(options.nodeArgs ?? []), DAEMON_BIN, ...(options.args ?? [])], {
    env: { ...process.env, ...DAEMON_ENV, SVCTL_HOME: home, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  t.after(async () => {
    if (child.exitCode === null && child.pid !== undefined && isAlive(child.pid)) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await Promise.race([
    waitFor('the daemon ready line', () => output.includes(' ready (pid ')),
    exited.then((code) => {
      throw new Error(`svctld exited with ${code} before it was ready: ${output}`);
    }),
  ]);
  return { home, pid: child.pid ?? 0, child, output: () => output, exited };
}
