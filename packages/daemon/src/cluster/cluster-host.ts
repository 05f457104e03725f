// The daemon's side of one cluster-mode app: it runs the app's primary (primary-main.ts, spawned through
// the OS seam like any child) and gives the app's units an OsSeam whose spawn forks a worker through that
// primary. A worker then looks to its unit like any child: its pid (also its process group, see setsid in
// primary-main.ts), its output, its exit. The units, the machine and the restart policy are unchanged.
// A primary that dies takes its workers with it (they exit when their channel closes): their units see
// them exit and the restart policy restarts them, which starts a new primary.
import { PassThrough } from 'node:stream';
import type { ChildExit, GroupTermination, OsSeam, SpawnedChild, SpawnOutcome, SpawnRequest } from '../os/seam.js';
import type { DaemonToPrimary, PrimaryConfig, PrimaryToDaemon } from './primary-protocol.js';

/** How long a new primary may take to say hello. */
const PRIMARY_START_TIMEOUT_MS = 10_000;

export interface ClusterHostOptions {
  os: OsSeam;
  config: PrimaryConfig;
  /** Absolute path of the bundled primary script. */
  entry: string;
  /** Something went wrong with the primary (for the daemon log). */
  onProblem: (detail: string) => void;
}

interface Primary {
  child: SpawnedChild;
  send: (message: DaemonToPrimary) => void;
}

interface WorkerRecord {
  stdout: PassThrough;
  stderr: PassThrough;
  exit: (exit: ChildExit) => void;
  exited: Promise<ChildExit>;
  listeners: Array<(message: unknown) => void>;
  listening: boolean;
  onListening: Array<() => void>;
}

export class ClusterHost {
  readonly #options: ClusterHostOptions;
  #primary: Promise<Primary | { reason: string }> | null = null;
  /** The primary once it said hello, until it ends. */
  #live: Primary | null = null;
  #nextRequest = 0;
  readonly #forks = new Map<number, (outcome: SpawnOutcome) => void>();
  readonly #workers = new Map<number, WorkerRecord>();

  constructor(options: ClusterHostOptions) {
    this.#options = options;
  }

  /** The seam the app's units use: spawn forks a worker; a stop drains the worker first. */
  seam(): OsSeam {
    const os = this.#options.os;
    return {
      spawn: (request) => this.#spawnWorker(request),
      signalGroup: (pgid, signal) => os.signalGroup(pgid, signal),
      terminateGroup: (pgid, signal, killTimeoutMs) => this.#terminateWorker(pgid, signal, killTimeoutMs),
      openListeners: (addresses) => os.openListeners(addresses),
      now: () => os.now(),
      setTimeout: (callback, delayMs) => os.setTimeout(callback, delayMs),
      clearTimeout: (handle) => os.clearTimeout(handle),
    };
  }

  /** Whether the worker has a listening server (a cluster `listening` event). */
  isListening(pid: number): boolean {
    return this.#workers.get(pid)?.listening === true;
  }

  /** Resolves true once the worker listens, false after `timeoutMs` or when it exits first. */
  waitListening(pid: number, timeoutMs: number): Promise<boolean> {
    const worker = this.#workers.get(pid);
    if (worker === undefined) return Promise.resolve(false);
    if (worker.listening) return Promise.resolve(true);
    const os = this.#options.os;
    return new Promise((resolve) => {
      const timer = os.setTimeout(() => resolve(false), timeoutMs);
      const settle = (value: boolean) => {
        os.clearTimeout(timer);
        resolve(value);
      };
      worker.onListening.push(() => settle(true));
      void worker.exited.then(() => settle(false));
    });
  }

  /** Ends the primary (its units are stopped already). */
  async close(): Promise<void> {
    await this.#primary;
    const primary = this.#live;
    if (primary !== null) await this.#options.os.terminateGroup(primary.child.pid, 'SIGTERM', 2000);
  }

  async #spawnWorker(request: SpawnRequest): Promise<SpawnOutcome> {
    const primary = await this.#ensurePrimary();
    if ('reason' in primary) return { ok: false, reason: primary.reason };
    const id = ++this.#nextRequest;
    return new Promise((resolve) => {
      this.#forks.set(id, resolve);
      primary.send({ type: 'fork', request: id, env: { ...request.env } });
    });
  }

  // In rotation no more (new connections go to the other workers), in-flight requests finish within
  // kill_timeout, then the stop signal and SIGKILL as for any instance. A worker that never listened has
  // nothing to drain (and may not exit on disconnect): it gets the stop signal at once.
  async #terminateWorker(pgid: number, signal: NodeJS.Signals, killTimeoutMs: number): Promise<GroupTermination> {
    const worker = this.#workers.get(pgid);
    const primary = this.#live;
    if (worker !== undefined && worker.listening && primary !== null) {
      primary.send({ type: 'drain', pid: pgid });
      const os = this.#options.os;
      let timer: unknown;
      await Promise.race([worker.exited, new Promise<void>((resolve) => (timer = os.setTimeout(resolve, killTimeoutMs)))]);
      os.clearTimeout(timer);
    }
    return this.#options.os.terminateGroup(pgid, signal, killTimeoutMs);
  }

  #ensurePrimary(): Promise<Primary | { reason: string }> {
    if (this.#primary !== null) return this.#primary;
    const starting = this.#startPrimary();
    this.#primary = starting;
    void starting.then((result) => {
      if (this.#primary !== starting) return;
      if ('reason' in result) this.#primary = null; // the next spawn tries again
      else this.#live = result;
    });
    return starting;
  }

  async #startPrimary(): Promise<Primary | { reason: string }> {
    const { os, config, entry } = this.#options;
    const outcome = await os.spawn({ command: [config.node, entry], cwd: config.cwd, env: { SVCTL_CLUSTER_PRIMARY: JSON.stringify(config) }, shell: false, ipc: true });
    if (!outcome.ok) return { reason: `cluster primary: ${outcome.reason}` };
    const child = outcome.child;
    let stderr = '';
    child.stdout.resume();
    child.stderr.setEncoding('utf8').on('data', (data: string) => (stderr = (stderr + data).slice(-2000)));
    const hello = new Promise<boolean>((resolve) => {
      const timer = os.setTimeout(() => resolve(false), PRIMARY_START_TIMEOUT_MS);
      child.onMessage?.((message) => {
        if ((message as PrimaryToDaemon).type === 'hello') {
          os.clearTimeout(timer);
          resolve(true);
        }
        this.#onMessage(message as PrimaryToDaemon);
      });
      void child.exited.then(() => resolve(false));
    });
    const primary: Primary = { child, send: (message) => void child.send?.(message) };
    void child.exited.then((exit) => this.#onPrimaryExit(primary, exit, stderr));
    if (await hello) return primary;
    os.signalGroup(child.pid, 'SIGKILL');
    return { reason: `cluster primary did not start: ${stderr.trim() || 'no hello within 10 s'}` };
  }

  #onMessage(message: PrimaryToDaemon): void {
    switch (message.type) {
      case 'hello':
        return;
      case 'forked':
        this.#forks.get(message.request)?.({ ok: true, child: this.#addWorker(message.pid) });
        this.#forks.delete(message.request);
        return;
      case 'fork_failed':
        this.#forks.get(message.request)?.({ ok: false, reason: message.reason });
        this.#forks.delete(message.request);
        return;
      case 'output':
        this.#workers.get(message.pid)?.[message.stream].write(message.data);
        return;
      case 'listening': {
        const worker = this.#workers.get(message.pid);
        if (worker === undefined) return;
        worker.listening = true;
        for (const resolve of worker.onListening.splice(0)) resolve();
        return;
      }
      case 'message':
        for (const listener of this.#workers.get(message.pid)?.listeners ?? []) listener(message.message);
        return;
      case 'exit':
        this.#workers.get(message.pid)?.exit({ code: message.code, signal: message.signal });
        return;
    }
  }

  #addWorker(pid: number): SpawnedChild {
    let exit: (exit: ChildExit) => void = () => undefined;
    const exited = new Promise<ChildExit>((resolve) => (exit = resolve));
    const worker: WorkerRecord = { stdout: new PassThrough(), stderr: new PassThrough(), exit, exited, listeners: [], listening: false, onListening: [] };
    this.#workers.set(pid, worker);
    void exited.then(() => this.#workers.delete(pid));
    return {
      pid,
      stdout: worker.stdout,
      stderr: worker.stderr,
      exited,
      onMessage: (listener) => void worker.listeners.push(listener),
      send: (message) => {
        if (this.#live === null) return false;
        this.#live.send({ type: 'send', pid, message });
        return true;
      },
    };
  }

  #onPrimaryExit(primary: Primary, exit: ChildExit, stderr: string): void {
    if (this.#live === primary) {
      this.#live = null;
      this.#primary = null;
    }
    const how = exit.signal === null ? `exit code ${exit.code}` : `signal ${exit.signal}`;
    if (this.#workers.size > 0 || this.#forks.size > 0) this.#options.onProblem(`cluster primary ${primary.child.pid} ended (${how})${stderr.trim() === '' ? '' : `: ${stderr.trim()}`}`);
    for (const resolve of this.#forks.values()) resolve({ ok: false, reason: `the cluster primary ended (${how})` });
    this.#forks.clear();
    // Its workers exit when their channel closes; the primary can no longer report how.
    for (const worker of this.#workers.values()) worker.exit({ code: null, signal: null });
  }
}
