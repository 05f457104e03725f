// Until cluster mode exists (the next issue), instances that pm2 would run behind one shared port are
// separate processes here: the second one to listen on the port fails with EADDRINUSE. Say so at start
// and scale. The cluster part goes when cluster mode lands; the fixed-PORT part stays.
import type { AppSpec } from '@svctl/protocol';

/** Why this app's instances would fight over one port, if they would. */
export function sharedPortWarnings(spec: AppSpec): string[] {
  if (spec.instances < 2) return [];
  if (spec.cluster_requested) {
    return [
      `pm2 would run its ${spec.instances} instances in cluster mode, sharing one port; svctl has no cluster mode yet: ` +
        'they will not share the port, so each instance must listen on its own (e.g. a port computed from SVCTL_INSTANCE)',
    ];
  }
  const port = spec.env.PORT;
  return port === undefined ? [] : [`its ${spec.instances} instances all get PORT=${port}: only one can listen on it (compute the port from SVCTL_INSTANCE)`];
}
