// The one lifecycle transition function: (status, event) → { status, effects, reason }.
// Every legal move is a row of TABLE; any other pair is a programming error and throws.
import type { Status } from '@svctl/protocol';
import type { ExitDecision } from './policy.js';

export type MachineEvent =
  | { type: 'start'; reason: string } // a user asks for the instance to run
  | { type: 'spawned'; pid: number; readyTimeoutMs: number | null } // the OS started the process; with a timeout, it must then become ready
  | { type: 'ready'; how: string } // the process said it is ready (message, log line or readiness probe)
  | { type: 'ready_timeout'; timeoutMs: number } // it did not become ready within listen_timeout
  | { type: 'unhealthy'; reason: string } // the liveness probe failed failure_threshold times
  | { type: 'failure_terminated'; cause: string; exit: string; decision: ExitDecision } // a stop made because of a failure finished; the policy decided what next
  | { type: 'hold'; reason: string } // the instance waits before starting (e.g. for its dependencies), or stops waiting
  | { type: 'spawn_failed'; reason: string } // the OS could not start it (bad cwd, missing file...)
  | { type: 'exited'; exit: string; decision: ExitDecision } // it ended on its own; the policy decided what next
  | { type: 'restart_due' } // the restart delay has passed
  | { type: 'stop'; reason: string } // a user asks for the instance to stop
  | { type: 'terminated'; reason: string }; // a requested stop finished: the whole process group is gone

export type EventType = MachineEvent['type'];

export type Effect =
  | { type: 'spawn' }
  | { type: 'await_ready'; timeoutMs: number } // arm the listen_timeout timer (cleared when the instance leaves starting)
  | { type: 'kill_group' } // stop signal to the group, SIGKILL to what is left after kill_timeout
  | { type: 'kill_remnants' } // SIGKILL what is left of the group after its leader exited
  | { type: 'schedule_restart'; delayMs: number }
  | { type: 'cancel_restart' };

export interface Step {
  status: Status;
  effects: Effect[];
  reason: string;
}

type Move<E extends EventType> = (event: Extract<MachineEvent, { type: E }>) => Step;
type Row = { [E in EventType]?: Move<E> };

/** A move the table does not allow: a bug in the caller, never a user error. */
export class IllegalTransitionError extends Error {
  constructor(readonly status: Status, readonly eventType: EventType) {
    super(`illegal lifecycle transition: event "${eventType}" in status "${status}"`);
    this.name = 'IllegalTransitionError';
  }
}

const startFresh: Move<'start'> = (e) => ({ status: 'starting', effects: [{ type: 'spawn' }], reason: e.reason });

// Exit of a live process that nobody asked to stop: the policy's decision picks the next status.
const exitOnItsOwn: Move<'exited'> = ({ exit, decision }) => {
  const effects: Effect[] = [{ type: 'kill_remnants' }];
  switch (decision.action) {
    case 'restart': // online -> waiting
      effects.push({ type: 'schedule_restart', delayMs: decision.delayMs });
      return { status: 'waiting', effects, reason: `${exit}, restart scheduled in ${decision.delayMs}ms` };
    case 'stop': // online -> stopped
      return { status: 'stopped', effects, reason: `${exit}, not restarted: ${decision.reason}` };
    case 'give_up': // online -> errored
      return { status: 'errored', effects, reason: `${exit}, ${decision.reason}` };
  }
};

const stopLive: Move<'stop'> = (e) => ({ status: 'stopping', effects: [{ type: 'kill_group' }], reason: e.reason });

// The process is alive but failed (not ready in time, liveness): stop its group like a user stop would;
// `failure_terminated` then lets the restart policy decide, as after an exit.
const stopFailed = (reason: string): Step => ({ status: 'stopping', effects: [{ type: 'kill_group' }], reason });

const failureTerminated: Move<'failure_terminated'> = ({ cause, exit, decision }) => {
  switch (decision.action) {
    case 'restart': // stopping -> waiting
      return { status: 'waiting', effects: [{ type: 'schedule_restart', delayMs: decision.delayMs }], reason: `${cause}: ${exit}, restart scheduled in ${decision.delayMs}ms` };
    case 'stop': // stopping -> stopped
      return { status: 'stopped', effects: [], reason: `${cause}: ${exit}, not restarted: ${decision.reason}` };
    case 'give_up': // stopping -> errored
      return { status: 'errored', effects: [], reason: `${cause}: ${exit}, ${decision.reason}` };
  }
};

const hold: Move<'hold'> = (e) => ({ status: 'stopped', effects: [], reason: e.reason });

const TABLE: Record<Status, Row> = {
  stopped: {
    start: startFresh, // stopped -> starting
    hold, // stopped -> stopped: waiting for dependencies (or no longer), with the reason visible
  },
  errored: {
    start: startFresh, // errored -> starting
    stop: (e) => ({ status: 'stopped', effects: [], reason: e.reason }), // errored -> stopped: the user acknowledges
    hold, // errored -> stopped: started again, waiting for dependencies
  },
  starting: {
    spawned: (e) =>
      e.readyTimeoutMs === null
        ? { status: 'online', effects: [], reason: `spawned (pid ${e.pid})` } // starting -> online: no readiness to wait for
        : { status: 'starting', effects: [{ type: 'await_ready', timeoutMs: e.readyTimeoutMs }], reason: `spawned (pid ${e.pid}), waiting until ready (listen_timeout ${e.readyTimeoutMs}ms)` }, // starting -> starting
    ready: (e) => ({ status: 'online', effects: [], reason: `ready (${e.how})` }), // starting -> online
    ready_timeout: (e) => stopFailed(`ready_timeout: not ready within listen_timeout ${e.timeoutMs}ms`), // starting -> stopping
    spawn_failed: (e) => ({ status: 'errored', effects: [], reason: `spawn failed: ${e.reason}` }),
    exited: exitOnItsOwn,
    stop: stopLive, // starting -> stopping
  },
  online: {
    exited: exitOnItsOwn,
    stop: stopLive, // online -> stopping
    unhealthy: (e) => stopFailed(e.reason), // online -> stopping
  },
  stopping: {
    terminated: (e) => ({ status: 'stopped', effects: [], reason: e.reason }), // stopping -> stopped
    failure_terminated: failureTerminated, // stopping -> waiting | stopped | errored
  },
  waiting: {
    restart_due: () => ({ status: 'starting', effects: [{ type: 'spawn' }], reason: 'restart' }), // waiting -> starting
    start: (e) => ({ status: 'starting', effects: [{ type: 'cancel_restart' }, { type: 'spawn' }], reason: e.reason }),
    stop: (e) => ({ status: 'stopped', effects: [{ type: 'cancel_restart' }], reason: e.reason }), // waiting -> stopped at once
  },
};

/** Whether the table has a move for this event in this status. */
export function accepts(status: Status, type: EventType): boolean {
  return TABLE[status][type] !== undefined;
}

export function transition(status: Status, event: MachineEvent): Step {
  const move = TABLE[status][event.type];
  if (move === undefined) throw new IllegalTransitionError(status, event.type);
  // The row was looked up by event.type, so the move takes this event; TypeScript cannot correlate the two.
  return (move as Move<EventType>)(event);
}
