// daemon.*: the version handshake, identity, and stopping the daemon.
import { majorOf, mismatch, PROTOCOL_VERSION, SVCTL_VERSION, type DaemonHello, type DaemonPing, type DaemonStop } from '@svctl/protocol';
import type { Handler } from '../handler.js';

export interface DaemonIdentity {
  home: string;
  socket: string;
  startedAt: Date;
  /** Begins the graceful shutdown; called after the stop request has been answered. */
  requestShutdown: (reason: string) => void;
  /** The notices not yet shown to a user; emptied by the call. */
  takeNotices: () => string[];
}

export function hello(identity: DaemonIdentity): Handler<typeof DaemonHello> {
  return (params, { connection }) => {
    connection.client = params.client;
    if (majorOf(params.protocol_version) !== majorOf(PROTOCOL_VERSION)) {
      throw mismatch(
        { version: SVCTL_VERSION, protocol: PROTOCOL_VERSION },
        { version: `${params.client.name} ${params.client.version}`, protocol: params.protocol_version },
      );
    }
    // Only the CLI prints notices: a library client or a test harness must not swallow them.
    const notices = params.client.name === 'svctl' ? identity.takeNotices() : [];
    return { protocol_version: PROTOCOL_VERSION, daemon_version: SVCTL_VERSION, node_version: process.version, pid: process.pid, ...(notices.length > 0 ? { notices } : {}) };
  };
}

export function ping(identity: DaemonIdentity): Handler<typeof DaemonPing> {
  return () => ({
    daemon_version: SVCTL_VERSION,
    protocol_version: PROTOCOL_VERSION,
    node_version: process.version,
    pid: process.pid,
    uptime_ms: Date.now() - identity.startedAt.getTime(),
    started_at: identity.startedAt.toISOString(),
    home: identity.home,
    socket: identity.socket,
  });
}

export function stopDaemon(identity: DaemonIdentity): Handler<typeof DaemonStop> {
  return (_params, { connection }) => {
    // Answer first: the shutdown closes this very connection.
    setImmediate(() => identity.requestShutdown(`stop requested by ${connection.client?.name ?? 'a client'}`));
    return { pid: process.pid };
  };
}
