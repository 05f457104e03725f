import { Type, type Static } from '@sinclair/typebox';
import { defineMethod } from '../define.js';
import { ReasonSchema } from '../reasons.js';
import { StatusSchema, TransitionEventSchema } from '../states.js';


/** A lifecycle transition, or a trigger (memory, liveness...) seen as the reason of the transitions it causes. */
export const TransitionItemSchema = Type.Object({ type: Type.Literal('transition'), ...TransitionEventSchema.properties });

/** The current state of one instance, sent first when a subscription asks for a snapshot. */
export const StateItemSchema = Type.Object({
  type: Type.Literal('state'),
  at: Type.String(),
  app: Type.String(),
  instance: Type.Integer(),
  status: StatusSchema,
  pid: Type.Union([Type.Integer(), Type.Null()]),
  reason: Type.Union([ReasonSchema, Type.Null()], { description: 'The reason code of the last transition; null before the first one.' }),
  detail: Type.String({ description: 'The detail of the last transition, for people.' }),
});

/** Marks the end of the backlog (past events and snapshot): every later item is live. */
export const LiveItemSchema = Type.Object({ type: Type.Literal('live'), at: Type.String() });

export const EventItemSchema = Type.Union([TransitionItemSchema, StateItemSchema, LiveItemSchema]);

export type TransitionItem = Static<typeof TransitionItemSchema>;
export type StateItem = Static<typeof StateItemSchema>;
export type EventItem = Static<typeof EventItemSchema>;

/** Past transitions the daemon keeps in memory for `since`. */
export const EVENT_BACKLOG_LIMIT = 1000;

export const EventsSubscribe = defineMethod({
  name: 'events.subscribe',
  readOnly: true,
  description:
    'Streams lifecycle events: past transitions newer than `since` (from the last 1000 kept in memory), then the current state of every instance (unless snapshot is false), a `live` marker, then every transition as it happens. Slow subscribers are cut off (the stream ends with SLOW_CONSUMER).',
  params: Type.Object(
    {
      since: Type.Optional(Type.String({ minLength: 1, description: 'A duration back from now ("10m", "90s") or an ISO 8601 time.' })),
      snapshot: Type.Optional(Type.Boolean({ description: 'Send the current state of every instance first (default true).' })),
    },
    { additionalProperties: false },
  ),
  result: Type.Object({ subscription: Type.String() }),
  item: EventItemSchema,
});
