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
