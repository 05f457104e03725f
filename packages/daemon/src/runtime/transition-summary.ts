// Keeps the daemon log readable and fast under restart storms: per app, the first transitions of
// each window (10 s) are logged one line each; the rest are counted and logged as one summary line
// when the window ends ("api restarted 523 times in the last 10 s"). Fed by the lifecycle bus; the
// caller ticks `flush` (a timer), so the logic is pure given the clock.
import type { TransitionEvent } from '@svctl/protocol';

export interface TransitionSummaryLine {
  event: 'transition_summary';
  app: string;
  /** Transitions not logged one by one in this window. */
  transitions: number;
  /** Automatic restarts (waiting -> starting) in the whole window, logged one by one or not. */
  restarts: number;
  window_ms: number;
  last: Pick<TransitionEvent, 'instance' | 'from' | 'to' | 'reason' | 'detail'>;
}

export interface TransitionSummaryOptions {
  /** Logs one transition on its own line. */
  logOne(event: TransitionEvent): void;
  /** Logs the summary of an app's window. */
  logSummary(line: TransitionSummaryLine, message: string): void;
  now?: () => number;
  windowMs?: number;
  /** Transitions per app and window logged one by one before counting starts. */
  perWindow?: number;
}

interface AppWindow {
  start: number;
  logged: number;
  transitions: number;
  restarts: number;
  last: TransitionEvent | null;
}

export const SUMMARY_WINDOW_MS = 10_000;
export const TRANSITIONS_PER_WINDOW = 10;

export class TransitionSummary {
  readonly #windows = new Map<string, AppWindow>();
  readonly #now: () => number;
  readonly #windowMs: number;
  readonly #perWindow: number;

  constructor(private readonly options: TransitionSummaryOptions) {
    this.#now = options.now ?? Date.now;
    this.#windowMs = options.windowMs ?? SUMMARY_WINDOW_MS;
    this.#perWindow = options.perWindow ?? TRANSITIONS_PER_WINDOW;
  }

  record(event: TransitionEvent): void {
    const now = this.#now();
    let window = this.#windows.get(event.app);
    if (window !== undefined && now - window.start >= this.#windowMs) {
      this.#summarise(event.app, window, now);
      window = undefined;
    }
    if (window === undefined) {
      window = { start: now, logged: 0, transitions: 0, restarts: 0, last: null };
      this.#windows.set(event.app, window);
    }
    if (event.from === 'waiting' && event.to === 'starting') window.restarts++;
    if (window.logged < this.#perWindow) {
      window.logged++;
      this.options.logOne(event);
      return;
    }
    window.transitions++;
    window.last = event;
  }

  /** Summarises the windows that have ended (all of them with `all`, at shutdown). */
  flush(all = false): void {
    const now = this.#now();
    for (const [app, window] of this.#windows) {
      if (all || now - window.start >= this.#windowMs) this.#summarise(app, window, now);
    }
  }

  #summarise(app: string, window: AppWindow, now: number): void {
    this.#windows.delete(app);
    const last = window.last;
    if (last === null) return;
    const windowMs = now - window.start;
    const seconds = Math.max(1, Math.round(windowMs / 1000));
    const what = window.restarts > 0 ? `${app} restarted ${window.restarts} times in the last ${seconds} s` : `${app}: ${window.transitions} more transitions in the last ${seconds} s`;
    this.options.logSummary(
      { event: 'transition_summary', app, transitions: window.transitions, restarts: window.restarts, window_ms: windowMs, last: { instance: last.instance, from: last.from, to: last.to, reason: last.reason, detail: last.detail } },
      `${what} (${window.transitions} transitions summarised; last: [${last.instance}] ${last.from} -> ${last.to}: ${last.reason}${last.detail === '' ? '' : ` (${last.detail})`})`,
    );
  }
}
