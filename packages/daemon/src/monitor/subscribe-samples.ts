// monitor.subscribe: the kept samples of every instance (one `history` item), then one `tick` item per
// sampling pass, for dashboards that draw CPU and memory live without polling. Slow subscribers are
// cut off by the stream itself.
import type { InstanceSeries, MonitorSubscribe, SamplesItem } from '@svctl/protocol';
import type { Handler } from '../rpc/handler.js';

export type TickInstance = Extract<SamplesItem, { type: 'tick' }>['instances'][number];

export interface SamplesSource {
  intervalMs: number;
  /** The last `limit` samples of every instance, as series. */
  series(limit: number | undefined): InstanceSeries[];
  /** The newest sample of every running instance. */
  latest(): TickInstance[];
  /** Calls listener after each sampling pass; returns the unsubscribe function. */
  onSampled(listener: (at: string) => void): () => void;
}

export function subscribeToSamples(source: SamplesSource): Handler<typeof MonitorSubscribe> {
  return (params, { connection }) => {
    const sink = connection.openStream();
    let started = false;
    const unsubscribe = source.onSampled((at) => {
      if (started && !sink.send({ type: 'tick', at, instances: source.latest() })) unsubscribe();
    });
    sink.onEnd(() => unsubscribe());
    // The history goes out after the answer (which carries the subscription id); a pass before then is in it.
    setImmediate(() => {
      started = true;
      const instances = params.limit === 0 ? [] : source.series(params.limit);
      if (!sink.send({ type: 'history', interval_ms: source.intervalMs, instances })) unsubscribe();
    });
    return { subscription: sink.id };
  };
}
