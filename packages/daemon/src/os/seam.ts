// The seam for every OS effect of the lifecycle: spawning, signalling process groups, time.
// The lifecycle depends only on this interface, so unit tests can inject fakes.
import type { Readable } from 'node:stream';

export interface SpawnRequest {
  /** argv: the command and its arguments. */
  command: readonly string[];
  cwd: string;
  /** The complete environment of the child; nothing is inherited. */
  env: Readonly<Record<string, string>>;
  /** `command` is a /bin/sh -c invocation (preflight leaves its checks to the shell). */
  shell: boolean;
  /** Open a Node IPC channel to the child (for `process.send('ready')`). */
  ipc?: boolean;
  /** Listening sockets to pass from fd 3 on, with LISTEN_FDS, LISTEN_PID and LISTEN_FDNAMES (systemd's convention). */
  listen?: { fds: number[]; names: string[] };
}

/** Where to listen: a TCP port (host null: every interface) or a unix socket path. */
export type ListenAddress = { host: string | null; port: number } | { path: string };

/** A listening socket the daemon holds (not accepting: it only passes the descriptor on). */
export interface HeldListener {
  fd: number;
  close(): void;
}

export type ListenOutcome = { ok: true; listeners: HeldListener[] } | { ok: false; reason: string };

export interface ChildExit {
  code: number | null;
  signal: string | null;
}

export interface SpawnedChild {
  /** Also the id of the process group the child leads. */
  pid: number;
  stdout: Readable;
  stderr: Readable;
  /** Resolves when the child itself exits (its group may live on). Never rejects. */
  exited: Promise<ChildExit>;
  /** With an IPC channel: subscribes to the child's messages. */
  onMessage?: (listener: (message: unknown) => void) => void;
  /** With an IPC channel: sends the child a message; false when the channel is closed. */
  send?: (message: unknown) => boolean;
}

export type SpawnOutcome = { ok: true; child: SpawnedChild } | { ok: false; reason: string };

export interface GroupTermination {
  /** True when SIGKILL had to be sent after the kill timeout. */
  forced: boolean;
  /** True when some process of the group still lived a while after SIGKILL (e.g. stuck in uninterruptible sleep). */
  survivors: boolean;
}

/** Opaque timer handle, only ever given back to clearTimeout. */
export type TimerHandle = unknown;

export interface OsSeam {
  /** Starts a child leading its own process group; failures carry the OS reason. Never rejects. */
  spawn(request: SpawnRequest): Promise<SpawnOutcome>;
  /** Sends a signal to every process of the group; false when the group is already gone. */
  signalGroup(pgid: number, signal: NodeJS.Signals): boolean;
  /** Sends `signal` to the group, then SIGKILL to whatever is left after `killTimeoutMs`; resolves when the group is gone. */
  terminateGroup(pgid: number, signal: NodeJS.Signals, killTimeoutMs: number): Promise<GroupTermination>;
  /** Opens listening sockets that the daemon holds without accepting on them; all or none. Never rejects. */
  openListeners(addresses: readonly ListenAddress[]): Promise<ListenOutcome>;
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}
