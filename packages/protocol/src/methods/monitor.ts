import { Type, type Static } from '@sinclair/typebox';
import { defineMethod } from '../define.js';
import { SAMPLE_HISTORY_LIMIT } from '../monitoring.js';

export const InstanceSeriesSchema = Type.Object({
  id: Type.Integer(),
  app: Type.String({ description: 'The app name.' }),
  instance: Type.Integer(),
  cpu: Type.Array(Type.Union([Type.Number(), Type.Null()]), { description: 'CPU % of one core, oldest first.' }),
  memory: Type.Array(Type.Integer(), { description: 'RSS bytes of the process tree, oldest first.' }),
});

export type InstanceSeries = Static<typeof InstanceSeriesSchema>;

export const MonitorSamples = defineMethod({
  name: 'monitor.samples',
  readOnly: true,
  description:
    'The recent CPU and memory samples of every instance as compact series (for `svctl monit`; `describe` has the same samples with times).',
  params: Type.Object(
    { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: SAMPLE_HISTORY_LIMIT, description: 'Last N samples per instance (default all kept, 60).' })) },
    { additionalProperties: false },
  ),
  result: Type.Object({
    interval_ms: Type.Integer({ description: 'The sampling interval (monitor_interval).' }),
    instances: Type.Array(InstanceSeriesSchema),
  }),
});

/** The first item of monitor.subscribe: the samples kept so far, as series (like monitor.samples). */
export const SamplesHistoryItemSchema = Type.Object({
  type: Type.Literal('history'),
  interval_ms: Type.Integer({ description: 'The sampling interval (monitor_interval).' }),
  instances: Type.Array(InstanceSeriesSchema),
});

/** One sampling pass: the newest sample of every running instance. */
export const SamplesTickItemSchema = Type.Object({
  type: Type.Literal('tick'),
  at: Type.String({ description: 'ISO 8601 time of the pass.' }),
  instances: Type.Array(
    Type.Object({
      id: Type.Integer(),
      app: Type.String({ description: 'The app name.' }),
      instance: Type.Integer(),
      cpu: Type.Union([Type.Number(), Type.Null()], { description: 'CPU % of one core; null for the first sample of a process.' }),
      memory: Type.Integer({ description: 'RSS bytes of the process tree.' }),
    }),
  ),
});

export const SamplesItemSchema = Type.Union([SamplesHistoryItemSchema, SamplesTickItemSchema]);

export type SamplesItem = Static<typeof SamplesItemSchema>;

export const MonitorSubscribe = defineMethod({
  name: 'monitor.subscribe',
  readOnly: true,
  description:
    'Streams CPU and memory samples: first the kept history of every instance (`history`, as monitor.samples), then one `tick` per sampling pass with the newest sample of every running instance. For dashboards: no polling. Slow subscribers are cut off (SLOW_CONSUMER).',
  params: Type.Object(
    { limit: Type.Optional(Type.Integer({ minimum: 0, maximum: SAMPLE_HISTORY_LIMIT, description: 'Samples per instance in the first item (default all kept, 60; 0 for none).' })) },
    { additionalProperties: false },
  ),
  result: Type.Object({ subscription: Type.String() }),
  item: SamplesItemSchema,
});
