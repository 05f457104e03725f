import { Type } from '@sinclair/typebox';
import { defineMethod } from '../define.js';

const PeerInfo = Type.Object({
  name: Type.String({ description: 'Client name, e.g. "svctl".' }),
  version: Type.String(),
});

export const DaemonHello = defineMethod({
  name: 'daemon.hello',
  readOnly: true,
  description: 'Version handshake, sent first on every connection. Fails with PROTOCOL_MISMATCH when majors differ.',
  params: Type.Object({ protocol_version: Type.String(), client: PeerInfo }, { additionalProperties: false }),
  result: Type.Object({
    protocol_version: Type.String(),
    daemon_version: Type.String(),
    node_version: Type.String(),
    pid: Type.Integer(),
    notices: Type.Optional(
      Type.Array(Type.String(), {
        description: 'Things the user should know that happened without a caller, e.g. crash journal entries that could not be replayed at start. Sent once, to the first `svctl` client.',
      }),
    ),
  }),
});

export const DaemonPing = defineMethod({
  name: 'daemon.ping',
  readOnly: true,
  description: 'Liveness and identity of the daemon.',
  params: Type.Object({}, { additionalProperties: false }),
  result: Type.Object({
    daemon_version: Type.String(),
    protocol_version: Type.String(),
    node_version: Type.String(),
    pid: Type.Integer(),
    uptime_ms: Type.Integer({ minimum: 0 }),
    started_at: Type.String({ format: 'date-time' }),
    home: Type.String(),
    socket: Type.String(),
  }),
});

export const DaemonStop = defineMethod({
  name: 'daemon.stop',
  description: 'Stops every app gracefully, then the daemon itself. Answers before shutting down.',
  params: Type.Object({}, { additionalProperties: false }),
  result: Type.Object({ pid: Type.Integer() }),
});

export const DaemonUnsubscribe = defineMethod({
  name: 'daemon.unsubscribe',
  readOnly: true,
  description: 'Ends a stream opened by a streaming method on this connection.',
  params: Type.Object({ subscription: Type.String() }, { additionalProperties: false }),
  result: Type.Object({ ended: Type.Boolean() }),
});

export const DaemonReloadTls = defineMethod({
  name: 'daemon.reload_tls',
  description: "Re-reads the gateway's certificate and key files (http_tls_cert, http_tls_key), as SIGHUP does: new connections get the new certificate, open ones stay. Fails with CONFIG_INVALID, keeping the previous certificate, when a file cannot be read or is not a valid PEM pair.",
  params: Type.Object({}, { additionalProperties: false }),
  result: Type.Object({ reloaded: Type.Boolean({ description: 'false when the gateway is off or serves plain HTTP.' }) }),
});
