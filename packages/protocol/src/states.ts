// The lifecycle statuses of one app instance, and the named groups callers ask about.
// The daemon's lifecycle machine (packages/daemon/src/lifecycle/machine.ts) is the only writer.
import { Type, type Static } from '@sinclair/typebox';
import { ReasonSchema } from './reasons.js';
import { StringEnum } from './schema-helpers.js';

export const STATUSES = ['starting', 'online', 'stopping', 'stopped', 'waiting', 'errored'] as const;

export type Status = (typeof STATUSES)[number];

export const StatusSchema = StringEnum(STATUSES);

/** Statuses in which a process of the instance may be alive. */
export const RUNNING_STATUSES = ['starting', 'online', 'stopping'] as const satisfies readonly Status[];

/** Statuses in which a user signal can be delivered to the instance's process group: those with a live process. */
export const SIGNALLABLE_STATUSES = RUNNING_STATUSES;

/** Statuses in which the instance wants to run (alive, or waiting for a restart). */
export const ACTIVE_STATUSES = ['starting', 'online', 'waiting'] as const satisfies readonly Status[];

/** Statuses from which only a user command moves the instance. */
export const RESTING_STATUSES = ['stopped', 'errored'] as const satisfies readonly Status[];

export function isRunning(status: Status): boolean {
  return (RUNNING_STATUSES as readonly Status[]).includes(status);
}

export function isSignallable(status: Status): boolean {
  return (SIGNALLABLE_STATUSES as readonly Status[]).includes(status);
}

export function isActive(status: Status): boolean {
  return (ACTIVE_STATUSES as readonly Status[]).includes(status);
}

export function isResting(status: Status): boolean {
  return (RESTING_STATUSES as readonly Status[]).includes(status);
}

/** One status change, emitted exactly once per change. */
export const TransitionEventSchema = Type.Object({
  at: Type.String({ description: 'ISO 8601 time of the change.' }),
  app: Type.String(),
  instance: Type.Integer(),
  from: StatusSchema,
  to: StatusSchema,
  reason: ReasonSchema,
  detail: Type.String({ description: 'For people: `pid 42`, `exit code 1; restart in 150ms`, `rss 300 MB over max_memory_restart 200 MB`... Never parsed.' }),
});

export type TransitionEvent = Static<typeof TransitionEventSchema>;
