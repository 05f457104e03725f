// The one lifecycle transition function: (status, event) → { status, effects, reason, detail }.
// Every legal move is a row of TABLE; any other pair is a programming error and throws.
// `reason` is a code from the catalogue (packages/protocol/src/reasons.ts); `detail` is text for people.
import type { ReasonCode, Status } from '@svctl/protocol';
import type { ExitCause, ExitDecision, FailureCause, RequestCause } from './policy.js';

/** Why a stop was asked for: a stop verb, the daemon's shutdown, or the first half of a requested restart. */
export type StopCause = RequestCause | 'user_stop' | 'user_delete' | 'daemon_shutdown' | 'reload_not_ready';

export type MachineEvent =
  | { type: 'start'; cause: RequestCause; detail: string } // someone asks for the instance to run
  | { type: 'spawned'; pid: number; readyTimeoutMs: number | null } // the OS started the process; with a timeout, it must then become ready
  | { type: 'ready'; how: string } // the process said it is ready (message, log line or readiness probe)
  | { type: 'ready_timeout'; timeoutMs: number } // it did not become ready within listen_timeout
  | { type: 'fail'; cause: 'memory' | 'liveness'; detail: string } // a live process failed (over max_memory_restart, liveness probe): stop it for the policy
  | { type: 'failure_terminated'; cause: FailureCause; exit: string; decision: ExitDecision } // a stop made because of a failure finished; the policy decided what next
  | { type: 'hold'; cause: 'dependency' | StopCause; detail: string } // the instance waits before starting (for its dependencies), or a stop ends the wait
  | { type: 'spawn_failed'; detail: string } // the OS could not start it (bad cwd, missing file...)
  | { type: 'exited'; cause: ExitCause; exit: string; decision: ExitDecision } // it ended on its own; the policy decided what next
  | { type: 'restart_due'; after: ReasonCode } // the restart delay has passed (`after`: the reason of the restart)
  | { type: 'stop'; cause: StopCause; detail: string } // someone asks for the instance to stop
  | { type: 'terminated'; cause: StopCause; exit: string }; // a requested stop finished: the whole process group is gone

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
  reason: ReasonCode;
  detail: string;
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

const startFresh: Move<'start'> = (e) => ({ status: 'starting', effects: [{ type: 'spawn' }], reason: e.cause, detail: e.detail });

// The end of a run (on its own, or by a failure stop): the policy's decision picks the next status; the
// reason stays the cause (a crash loop ends errored with reason crash, a memory loop with reason memory).
function afterEnd(cause: ReasonCode, exit: string, decision: ExitDecision, effects: Effect[]): Step {
  switch (decision.action) {
    case 'restart': // -> waiting
      return { status: 'waiting', effects: [...effects, { type: 'schedule_restart', delayMs: decision.delayMs }], reason: cause, detail: `${exit}; restart in ${decision.delayMs}ms` };
    case 'stop': // -> stopped
      return { status: 'stopped', effects, reason: decision.why === 'stop_exit_code' ? 'stop_exit_code' : cause, detail: `${exit}; not restarted: ${decision.detail}` };
    case 'give_up': // -> errored
      return { status: 'errored', effects, reason: cause, detail: `${exit}; ${decision.detail}` };
  }
}

// Exit of a live process that nobody asked to stop.
const exitOnItsOwn: Move<'exited'> = ({ cause, exit, decision }) => afterEnd(cause, exit, decision, [{ type: 'kill_remnants' }]);

const stopLive: Move<'stop'> = (e) => ({ status: 'stopping', effects: [{ type: 'kill_group' }], reason: e.cause, detail: e.detail });

// The process is alive but failed (not ready in time, memory, liveness): stop its group like a user stop
// would; `failure_terminated` then lets the restart policy decide, as after an exit.
const stopFailed = (reason: ReasonCode, detail: string): Step => ({ status: 'stopping', effects: [{ type: 'kill_group' }], reason, detail });

const failureTerminated: Move<'failure_terminated'> = ({ cause, exit, decision }) => afterEnd(cause, exit, decision, []);

const hold: Move<'hold'> = (e) => ({ status: 'stopped', effects: [], reason: e.cause, detail: e.detail });

const TABLE: Record<Status, Row> = {
  stopped: {
    start: startFresh, // stopped -> starting
    hold, // stopped -> stopped: waiting for dependencies (or no longer), with the reason visible
  },
  errored: {
    start: startFresh, // errored -> starting
    stop: (e) => ({ status: 'stopped', effects: [], reason: e.cause, detail: e.detail }), // errored -> stopped: the user acknowledges
    hold, // errored -> stopped: started again, waiting for dependencies
  },
  starting: {
    spawned: (e) =>
      e.readyTimeoutMs === null
        ? { status: 'online', effects: [], reason: 'spawned', detail: `pid ${e.pid}` } // starting -> online: no readiness to wait for
        : { status: 'starting', effects: [{ type: 'await_ready', timeoutMs: e.readyTimeoutMs }], reason: 'spawned', detail: `pid ${e.pid}, waiting until ready (listen_timeout ${e.readyTimeoutMs}ms)` }, // starting -> starting
    ready: (e) => ({ status: 'online', effects: [], reason: 'ready', detail: e.how }), // starting -> online
    ready_timeout: (e) => stopFailed('readiness_timeout', `not ready within listen_timeout ${e.timeoutMs}ms`), // starting -> stopping
    fail: (e) => stopFailed(e.cause, e.detail), // starting -> stopping
    spawn_failed: (e) => ({ status: 'errored', effects: [], reason: 'spawn_failed', detail: e.detail }),
    exited: exitOnItsOwn,
    stop: stopLive, // starting -> stopping
  },
  online: {
    exited: exitOnItsOwn,
    stop: stopLive, // online -> stopping
    fail: (e) => stopFailed(e.cause, e.detail), // online -> stopping
  },
  stopping: {
    terminated: (e) => ({ status: 'stopped', effects: [], reason: e.cause, detail: e.exit }), // stopping -> stopped
    failure_terminated: failureTerminated, // stopping -> waiting | stopped | errored
  },
  waiting: {
    restart_due: (e) => ({ status: 'starting', effects: [{ type: 'spawn' }], reason: 'restart_due', detail: `restart after ${e.after}` }), // waiting -> starting
    start: (e) => ({ status: 'starting', effects: [{ type: 'cancel_restart' }, { type: 'spawn' }], reason: e.cause, detail: e.detail }),
    stop: (e) => ({ status: 'stopped', effects: [{ type: 'cancel_restart' }], reason: e.cause, detail: 'pending restart cancelled' }), // waiting -> stopped at once
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
