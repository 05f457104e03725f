// Forked instances are separate processes: the second one to listen on a port they all get fails with
// EADDRINUSE. Say so at start and scale: pm2 would have shared the port (cluster mode) but this app cannot
// be a cluster worker (not node, a shell command line), or every instance gets one fixed PORT.
// Cluster workers and held sockets (`listen`) share their ports and get no warning.
import type { AppSpec } from '@svctl/protocol';

/** Why this app's instances would fight over one port, if they would. */
export function sharedPortWarnings(spec: AppSpec): string[] {
  if (spec.instances < 2 || spec.exec_mode === 'cluster' || spec.listen !== undefined) return [];
  if (spec.cluster_requested) {
    return [
      `pm2 would run its ${spec.instances} instances in cluster mode, sharing one port, but they run forked (${spec.exec_mode_reason ?? 'not a node script'}): ` +
        'they will not share the port, so each instance must listen on its own (e.g. a port computed from SVCTL_INSTANCE, or increment_var), or use `listen`',
    ];
  }
  const port = spec.env.PORT;
  if (port === undefined || spec.increment_var === 'PORT') return [];
  return [`its ${spec.instances} instances all get PORT=${port}: only one can listen on it (increment_var: "PORT", a port computed from SVCTL_INSTANCE, or \`listen\`)`];
}
