// Finds, starts and stops the daemon on behalf of the CLI.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DAEMON_ENV, DAEMON_NODE_FLAGS, fromWireError, insecurePathError, pidFilePath, socketPath, SvctlClient, SvctlError, SVCTL_VERSION, untrustedBecause, type WireError } from '@svctl/protocol';

const START_TIMEOUT_MS = 10_000;

export interface DaemonTarget {
  home: string;
  /** Passed on only when the user chose it explicitly. */
  configPath: string | undefined;
  timeoutMs: number;
}

/**
 * svctld's entry script: the `@svctl/daemon` package the CLI depends on, wherever npm put it (nested under the
 * CLI, beside it in a global install, or the workspace link), else the workspace folder beside packages/cli.
 */
export function daemonEntry(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [installedDaemonEntry(here), path.resolve(here, '..', '..', 'daemon', 'bin', 'svctld.mjs')].filter((candidate) => candidate !== undefined);
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (found === undefined) {
    throw new SvctlError('DAEMON_START_FAILED', `cannot find svctld (looked for ${candidates.join(', ')})`, {
      hint: 'install @svctl/daemon next to @svctl/cli, or start `svctld` yourself',
    });
  }
  return found;
}

function installedDaemonEntry(from: string): string | undefined {
  try {
    return path.join(path.dirname(createRequire(path.join(from, 'noop.js')).resolve('@svctl/daemon/package.json')), 'bin', 'svctld.mjs');
  } catch {
    return undefined;
  }
}

export async function connect(target: DaemonTarget): Promise<SvctlClient> {
  assertTrustedSocket(target.home);
  const client = await SvctlClient.connect({ home: target.home, timeoutMs: target.timeoutMs, clientName: 'svctl', clientVersion: SVCTL_VERSION });
  for (const notice of client.server?.notices ?? []) process.stderr.write(`svctl: warning: ${notice}\n`);
  return client;
}

/** Before anything (the environment included) is sent: the home and its socket are ours or root's, and no symlink. */
function assertTrustedSocket(home: string): void {
  const uid = process.getuid?.() ?? 0;
  for (const [file, lstat] of [[home, false], [socketPath(home), true]] as const) {
    let stat: fs.Stats;
    try {
      stat = lstat ? fs.lstatSync(file) : fs.statSync(file);
    } catch {
      return; // nothing there: connecting says so
    }
    const reason = stat.uid !== uid && stat.uid !== 0 ? `belongs to uid ${stat.uid}, not to you (uid ${uid}) or root` : lstat ? untrustedBecause(stat, uid) : undefined;
    if (reason !== undefined) throw insecurePathError(file, reason, uid);
  }
}

export type StartOutcome = { kind: 'started'; pid: number } | { kind: 'already-running' };

/** Starts a detached daemon and waits until it reports ready (or that another one already runs). */
export async function startDaemonProcess(target: DaemonTarget): Promise<StartOutcome> {
  // Loaded here, not at the top: child_process (and dgram with it) costs every command's start-up.
  const { spawn } = await import('node:child_process');
  fs.mkdirSync(target.home, { recursive: true, mode: 0o700 });
  const { O_WRONLY, O_CREAT, O_APPEND, O_NOFOLLOW } = fs.constants;
  const out = fs.openSync(path.join(target.home, 'daemon.out'), O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW, 0o600);
  const args = [...DAEMON_NODE_FLAGS, daemonEntry(), '--home', target.home, ...(target.configPath === undefined ? [] : ['--config', target.configPath])];
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', out, out, 'ipc'], env: { ...process.env, ...DAEMON_ENV } });
  fs.closeSync(out);
  try {
    return await new Promise<StartOutcome>((resolve, reject) => {
      const timer = setTimeout(() => reject(new SvctlError('DAEMON_START_FAILED', `the daemon did not report ready within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
      child.on('message', (message: { type?: string; pid?: number; error?: WireError }) => {
        clearTimeout(timer);
        if (message.type === 'ready') resolve({ kind: 'started', pid: message.pid ?? child.pid ?? 0 });
        else if (message.error?.data?.name === 'DAEMON_ALREADY_RUNNING') resolve({ kind: 'already-running' });
        else reject(message.error === undefined ? new SvctlError('DAEMON_START_FAILED', 'the daemon failed to start') : startFailure(fromWireError(message.error)));
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new SvctlError('DAEMON_START_FAILED', `the daemon exited during start-up (code ${code}); see ${path.join(target.home, 'daemon.out')}`));
      });
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(new SvctlError('DAEMON_START_FAILED', `cannot run the daemon: ${error.message}`));
      });
    });
  } finally {
    child.removeAllListeners();
    if (child.connected) child.disconnect();
    child.unref();
  }
}

function startFailure(error: SvctlError): SvctlError {
  return new SvctlError(error.code === 'CONFIG_INVALID' ? 'CONFIG_INVALID' : 'DAEMON_START_FAILED', `the daemon could not start: ${error.message}`, {
    ...(error.hint === undefined ? {} : { hint: error.hint }),
  });
}

/** Connects, retrying while a daemon that another CLI just started is still opening its socket. */
export async function connectWithin(target: DaemonTarget, deadlineMs: number): Promise<SvctlClient> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    try {
      return await connect(target);
    } catch (error) {
      if (!(error instanceof SvctlError) || error.code !== 'DAEMON_UNREACHABLE' || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

export function readDaemonPid(home: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(pidFilePath(home), 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** True while the process exists and is not a zombie waiting for its (re)parent to reap it. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    return !/^[ZX]/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] ?? '');
  } catch {
    return false;
  }
}

/** Waits for a process to be gone, polling with a deadline. */
export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}
