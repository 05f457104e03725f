// The one door: what the daemon's other parts (monitor, watch and cron triggers) may ask of the supervisor,
// which alone commands units. A request carries its cause (a reason code) and a detail for people; the
// restart then goes through the lifecycle machine and the restart policy's row for that cause.
// It lives here, under lifecycle/, so the monitor and the triggers need not import the supervisor.

/** Causes another part of the daemon may restart an instance or an app for. */
export type TriggerCause = 'memory' | 'watch' | 'cron';

export interface RestartRequest {
  /** The app id. */
  app: number;
  /** One instance; without it, every instance of the app. */
  instance?: number;
  cause: TriggerCause;
  /** `rss 300 MB over max_memory_restart 200 MB`, `src/index.js changed`... */
  detail: string;
}

export interface Engine {
  /** Resolves once the restart was started (memory) or done (watch, cron); ignored when it no longer applies. */
  requestRestart(request: RestartRequest): Promise<void>;
}
