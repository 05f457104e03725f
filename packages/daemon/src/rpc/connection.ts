// What a handler sees of the connection it serves, whatever the transport.
import type { Role, SvctlError } from '@svctl/protocol';

export interface StreamSink {
  readonly id: string;
  /** Sends one item; returns false when the stream has ended (closed, unsubscribed or cut off as too slow). */
  send(item: unknown): boolean;
  end(reason?: SvctlError): void;
  onEnd(listener: () => void): void;
}

/** Where a connection comes from: for authorization and the audit log. */
export interface Peer {
  readonly transport: 'unix' | 'http' | 'ws';
  /** The remote address on the gateway; on the socket `uid:N`, N the socket's owner, the one uid its mode admits (root aside). */
  readonly address: string;
  /** The gateway's bearer token; absent on the Unix socket, which allows every method. */
  readonly token?: { readonly name: string; readonly role: Role };
}

export interface Connection {
  readonly id: number;
  readonly peer: Peer;
  client: { name: string; version: string } | undefined;
  openStream(): StreamSink;
  closeStream(id: string): boolean;
}
