// The primary of one cluster-mode app: a small process per app, spawned by the daemon like any child,
// that forks the app's workers with Node's cluster module so that they share its listening ports
// (round-robin). It only forks, drains and reports; the daemon decides everything (restarts, stops).
// It exits when the daemon goes away (its IPC channel closes); the workers then exit too.
import cluster, { type Worker } from 'node:cluster';
import type { DaemonToPrimary, PrimaryConfig, PrimaryToDaemon } from './primary-protocol.js';

const config = JSON.parse(process.env.SVCTL_CLUSTER_PRIMARY ?? '{}') as PrimaryConfig;
// The workers get exactly the environment the daemon sends: cluster.fork adds process.env under it.
for (const key of Object.keys(process.env)) Reflect.deleteProperty(process.env, key);

// cluster.fork runs process.execPath with execArgv: `setsid node ...` puts each worker in its own group.
process.execPath = config.setsid;
cluster.setupPrimary({
  exec: config.script,
  args: config.args,
  execArgv: [config.node, '--require', config.drain, ...config.execArgv],
  cwd: config.cwd,
  stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
});

function send(message: PrimaryToDaemon): void {
  if (process.connected) process.send?.(message);
}

function fork(request: number, env: Record<string, string>): void {
  let worker: Worker;
  try {
    worker = cluster.fork(env);
  } catch (error) {
    send({ type: 'fork_failed', request, reason: error instanceof Error ? error.message : String(error) });
    return;
  }
  const pid = worker.process.pid;
  if (pid === undefined) {
    worker.process.once('error', (error) => send({ type: 'fork_failed', request, reason: `spawn ${(error as NodeJS.ErrnoException).code ?? error.message}` }));
    return;
  }
  send({ type: 'forked', request, pid });
  for (const stream of ['stdout', 'stderr'] as const) {
    worker.process[stream]?.setEncoding('utf8').on('data', (data: string) => send({ type: 'output', pid, stream, data }));
  }
  worker.on('listening', (address) => send({ type: 'listening', pid, address: `${address.address ?? ''}:${address.port ?? ''}` }));
  worker.on('message', (message: unknown) => send({ type: 'message', pid, message }));
  worker.on('error', () => undefined); // a failed send to a dying worker; its exit is reported
  worker.once('exit', (code, signal) => send({ type: 'exit', pid, code: signal === null ? code : null, signal }));
}

function workerOf(pid: number): Worker | undefined {
  const worker = Object.values(cluster.workers ?? {}).find((candidate) => candidate?.process.pid === pid);
  return worker?.isConnected() === true ? worker : undefined;
}

process.on('message', (message: DaemonToPrimary) => {
  if (message.type === 'fork') fork(message.request, message.env);
  else if (message.type === 'drain') workerOf(message.pid)?.disconnect();
  else workerOf(message.pid)?.send(message.message as object);
});
process.on('disconnect', () => process.exit(0));
// Stopped by the daemon (or anyone): the workers are in their own groups, so end them here.
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
  process.on(signal, () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
    process.exit(0);
  });
}
send({ type: 'hello' });
