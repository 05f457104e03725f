// The app-level state machine: what the user wants of the app as a whole, and which rollout runs.
// Pure, like lifecycle/machine.ts: every legal move is a row of TABLE; any other pair throws.
// The instances' own statuses stay in their units; this says whether the app is wanted, waits for its
// dependencies, or is being reloaded or scaled. The desired state saved in the dump derives from it.

export const APP_PHASES = ['stopped', 'waiting', 'running', 'reloading', 'scaling'] as const;
export type AppPhase = (typeof APP_PHASES)[number];

export const APP_EVENTS = ['start', 'wait', 'released', 'stop', 'reload', 'scale', 'done'] as const;
//   start     the app is wanted and its instances are started (start, restart, resurrect, recovery)
//   wait      the app is wanted but its depends_on conditions are unmet: it waits in the background
//   released  the conditions are met: the waiting app starts
//   stop      the app is not wanted (stop, delete, daemon shutdown, replaced by a new start)
//   reload    a reload rollout begins
//   scale     scaling begins
//   done      the rollout or scaling finished
export type AppEvent = (typeof APP_EVENTS)[number];

/** What the user last asked of the app; saved in the dump and the journal. */
export type DesiredState = 'running' | 'stopped';

/** A move the table does not allow. */
export class IllegalAppMoveError extends Error {
  constructor(readonly phase: AppPhase, readonly event: AppEvent) {
    super(`illegal app transition: event "${event}" in phase "${phase}"`);
    this.name = 'IllegalAppMoveError';
  }
}

const TABLE: Record<AppPhase, Partial<Record<AppEvent, AppPhase>>> = {
  stopped: { start: 'running', wait: 'waiting', stop: 'stopped', reload: 'reloading', scale: 'scaling', done: 'stopped' /* a stop came during a rollout: it stays stopped */ },
  waiting: { start: 'running', wait: 'waiting', released: 'running', stop: 'stopped' },
  running: { start: 'running', wait: 'waiting', stop: 'stopped', reload: 'reloading', scale: 'scaling' },
  reloading: { stop: 'stopped', done: 'running' },
  scaling: { stop: 'stopped', done: 'running' },
};

export function acceptsAppEvent(phase: AppPhase, event: AppEvent): boolean {
  return TABLE[phase][event] !== undefined;
}

export function nextAppPhase(phase: AppPhase, event: AppEvent): AppPhase {
  const next = TABLE[phase][event];
  if (next === undefined) throw new IllegalAppMoveError(phase, event);
  return next;
}

export function desiredOf(phase: AppPhase): DesiredState {
  return phase === 'stopped' ? 'stopped' : 'running';
}
