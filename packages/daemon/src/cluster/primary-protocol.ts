// The messages between the daemon and the primary of a cluster-mode app (primary-main.ts), over the
// primary's Node IPC channel. Workers are named by pid: it is also how the daemon's units know them.

/** What the daemon tells the primary when it spawns it (in the SVCTL_CLUSTER_PRIMARY variable). */
export interface PrimaryConfig {
  /** The app's node binary: each worker runs `setsid node --require <drain> execArgv... script args...`. */
  node: string;
  /** The drain preload (worker-drain.ts), bundled as cluster-worker.cjs. */
  drain: string;
  /** setsid(1): each worker leads its own session and process group, so a stop reaches its children too. */
  setsid: string;
  execArgv: string[];
  script: string;
  args: string[];
  cwd: string;
}

export type DaemonToPrimary =
  /** Fork a worker with exactly this environment; `request` pairs the answer. */
  | { type: 'fork'; request: number; env: Record<string, string> }
  /** Take the worker out of rotation (worker.disconnect()); it exits once its connections are done. */
  | { type: 'drain'; pid: number }
  /** Send the worker a message (shutdown_with_message). */
  | { type: 'send'; pid: number; message: unknown };

export type PrimaryToDaemon =
  | { type: 'hello' }
  | { type: 'forked'; request: number; pid: number }
  | { type: 'fork_failed'; request: number; reason: string }
  | { type: 'output'; pid: number; stream: 'stdout' | 'stderr'; data: string }
  | { type: 'listening'; pid: number; address: string }
  /** A message the worker sent with process.send (e.g. 'ready' for wait_ready). */
  | { type: 'message'; pid: number; message: unknown }
  | { type: 'exit'; pid: number; code: number | null; signal: string | null };

/** Bundled next to svctld.mjs (scripts/bundle.mjs). */
export const PRIMARY_ENTRY = 'cluster-primary.mjs';
export const WORKER_PRELOAD = 'cluster-worker.cjs';
