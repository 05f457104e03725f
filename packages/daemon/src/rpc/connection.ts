// What a handler sees of the connection it serves, whatever the transport.
import type { SvctlError } from '@svctl/protocol';

export interface StreamSink {
  readonly id: string;
  /** Sends one item; returns false when the stream has ended (closed, unsubscribed or cut off as too slow). */
  send(item: unknown): boolean;
  end(reason?: SvctlError): void;
  onEnd(listener: () => void): void;
}

export interface Connection {
  readonly id: number;
  client: { name: string; version: string } | undefined;
  openStream(): StreamSink;
  closeStream(id: string): boolean;
}
