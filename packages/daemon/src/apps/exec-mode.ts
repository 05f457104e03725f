// Which mode an app runs in, and why (describe shows it). pm2's rule: exec_mode cluster, or `instances`
// set without exec_mode on a node (or bun) interpreter. svctl runs cluster mode on node only, for a script
// node runs itself; anything else runs its instances as separate forked processes.
import path from 'node:path';
import type { CanonicalEntry } from './canonical-entry.js';
import type { ResolvedCommand } from './resolve-command.js';

export interface ExecMode {
  /** pm2 would have used cluster mode. */
  requested: boolean;
  mode: 'fork' | 'cluster';
  reason: string;
}

export function decideExecMode(entry: Pick<CanonicalEntry, 'exec_mode' | 'instances' | 'listen'>, command: ResolvedCommand): ExecMode {
  const program = command.interpreter === null ? '' : path.basename(command.interpreter);
  const why = clusterRequest(entry, program);
  const held = entry.listen === undefined ? '' : ', with the sockets of `listen` held by the daemon';
  if (why === null) {
    return { requested: false, mode: 'fork', reason: `${entry.exec_mode === undefined ? 'the default (neither exec_mode nor instances set)' : `exec_mode ${entry.exec_mode}`}${held}` };
  }
  if (entry.listen !== undefined) return { requested: true, mode: 'fork', reason: `${why}, but listen is set: forked instances${held}` };
  if (command.shell) return { requested: true, mode: 'fork', reason: `${why}, but the script is a shell command line, which cannot be a cluster worker: forked instances` };
  if (program !== 'node') {
    return { requested: true, mode: 'fork', reason: `${why}, but cluster mode needs the node interpreter (this app runs ${program === '' ? 'the script itself' : program}): forked instances` };
  }
  return { requested: true, mode: 'cluster', reason: why };
}

function clusterRequest(entry: Pick<CanonicalEntry, 'exec_mode' | 'instances'>, program: string): string | null {
  if (entry.exec_mode !== undefined) return entry.exec_mode.startsWith('cluster') ? `exec_mode ${entry.exec_mode}` : null;
  if (entry.instances !== undefined && (program === 'node' || program === 'bun')) return 'inferred as pm2 does: instances set without exec_mode for a node script';
  return null;
}
