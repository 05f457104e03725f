// Per-connection subscriptions: ids, ends, and cutting off consumers that cannot keep up.
import { SvctlError, toWireError, type SubscriptionParams } from '@svctl/protocol';
import type { StreamSink } from './connection.js';

export class StreamRegistry {
  private next = 1;
  private readonly sinks = new Map<string, { sink: StreamSink; ended: () => void }>();

  constructor(
    private readonly connectionId: number,
    /** Writes a notification; returns false when the peer's buffer is over its limit. */
    private readonly write: (params: SubscriptionParams) => boolean,
  ) {}

  open(): StreamSink {
    const id = `${this.connectionId}.${this.next++}`;
    const endListeners: Array<() => void> = [];
    let ended = false;
    const finish = () => {
      if (ended) return;
      ended = true;
      this.sinks.delete(id);
      for (const listener of endListeners) listener();
    };
    const sink: StreamSink = {
      id,
      send: (item) => {
        if (ended) return false;
        if (this.write({ subscription: id, item })) return true;
        const slow = new SvctlError('SLOW_CONSUMER', 'stream cut off: the client did not keep up with the data');
        this.write({ subscription: id, end: true, error: toWireError(slow) });
        finish();
        return false;
      },
      end: (reason) => {
        if (ended) return;
        this.write({ subscription: id, end: true, ...(reason === undefined ? {} : { error: toWireError(reason) }) });
        finish();
      },
      onEnd: (listener) => {
        if (ended) listener();
        else endListeners.push(listener);
      },
    };
    this.sinks.set(id, { sink, ended: finish });
    return sink;
  }

  close(id: string): boolean {
    const entry = this.sinks.get(id);
    if (entry === undefined) return false;
    entry.ended();
    return true;
  }

  closeAll(): void {
    for (const entry of [...this.sinks.values()]) entry.ended();
  }
}
