import { spawn } from 'node:child_process';
import type { TestContext } from 'node:test';
import { CLI_BIN } from './paths.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  home: string;
  env?: Record<string, string | undefined>;
  cwd?: string;
  timeoutMs?: number;
  /** Runs the CLI (and so a daemon it autostarts) with this soft and hard RLIMIT_NOFILE, like `ulimit -n`. */
  fileLimit?: number;
  /** Runs the CLI (and so a daemon it autostarts) with this umask, like `umask 022` in a shell. */
  umask?: string;
  /** Runs the CLI under this command, e.g. `nsenter` into a container's namespaces as `docker exec` does. */
  under?: string[];
}

/** Runs the built `svctl` as a user would, with its own SVCTL_HOME. */
export function runCli(args: string[], options: CliOptions): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = { ...process.env, SVCTL_HOME: options.home, NO_COLOR: '1', ...options.env };
    for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
    const argv = [...(options.under ?? []), process.execPath, CLI_BIN, ...args];
    const shellSetup = [...(options.fileLimit === undefined ? [] : [`ulimit -n ${options.fileLimit}`]), ...(options.umask === undefined ? [] : [`umask ${options.umask}`])];
    const [file = '', ...rest] = shellSetup.length === 0 ? argv : ['/bin/sh', '-c', `${shellSetup.join(' && ')} && exec "$@"`, 'sh', ...argv];
    const child = spawn(file, rest, { env: env as NodeJS.ProcessEnv, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`svctl ${args.join(' ')} did not finish within ${options.timeoutMs ?? 60_000} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs svctl with --json and parses stdout, failing with the whole output when it is not JSON. */
export async function runCliJson<T = unknown>(args: string[], options: CliOptions): Promise<{ result: CliResult; json: T }> {
  const result = await runCli([...args, '--json'], options);
  try {
    return { result, json: JSON.parse(result.stdout) as T };
  } catch {
    throw new Error(`svctl ${args.join(' ')} --json printed no JSON (code ${result.code})\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  }
}

export interface RunningCli {
  /** Lines printed on stdout so far (without their newlines). */
  lines: string[];
  stderr(): string;
  /** The exit code once it has exited (signal exits resolve null). */
  exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
}

/** Starts a long-running svctl (logs --follow, events...) whose output the test watches; killed on cleanup. */
export function spawnCli(t: TestContext, args: string[], options: CliOptions): RunningCli {
  const child = spawn(process.execPath, [CLI_BIN, ...args], { env: { ...process.env, SVCTL_HOME: options.home, NO_COLOR: '1', ...options.env }, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const lines: string[] = [];
  let pending = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const parts = (pending + chunk.toString()).split('\n');
    pending = parts.pop() ?? '';
    lines.push(...parts);
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return { lines, stderr: () => stderr, exited, kill: (signal) => child.kill(signal) };
}
