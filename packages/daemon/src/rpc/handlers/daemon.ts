import {
  DaemonHello,
  DaemonPing,
  DaemonStop,
  DaemonUnsubscribe,
  majorOf,
  mismatch,
  PROTOCOL_VERSION,
  SVCTL_VERSION,
} from '@svctl/protocol';
import type { Dispatcher } from '../dispatcher.js';

export interface DaemonIdentity {
  home: string;
  socket: string;
  startedAt: Date;
  /** Begins the graceful shutdown; called after the stop request has been answered. */
  requestShutdown: (reason: string) => void;
}

export function registerDaemonHandlers(dispatcher: Dispatcher, identity: DaemonIdentity): void {
  dispatcher.register(DaemonHello, (params, { connection }) => {
    connection.client = params.client;
    if (majorOf(params.protocol_version) !== majorOf(PROTOCOL_VERSION)) {
      throw mismatch(
        { version: SVCTL_VERSION, protocol: PROTOCOL_VERSION },
        { version: `${params.client.name} ${params.client.version}`, protocol: params.protocol_version },
      );
    }
    return { protocol_version: PROTOCOL_VERSION, daemon_version: SVCTL_VERSION, node_version: process.version, pid: process.pid };
  });

  dispatcher.register(DaemonPing, () => ({
    daemon_version: SVCTL_VERSION,
    protocol_version: PROTOCOL_VERSION,
    node_version: process.version,
    pid: process.pid,
    uptime_ms: Date.now() - identity.startedAt.getTime(),
    started_at: identity.startedAt.toISOString(),
    home: identity.home,
    socket: identity.socket,
  }));

  dispatcher.register(DaemonStop, (_params, { connection }) => {
    // Answer first: the shutdown closes this very connection.
    setImmediate(() => identity.requestShutdown(`stop requested by ${connection.client?.name ?? 'a client'}`));
    return { pid: process.pid };
  });

  dispatcher.register(DaemonUnsubscribe, (params, { connection }) => ({ ended: connection.closeStream(params.subscription) }));
}
