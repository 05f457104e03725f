// Which alert kinds an event is, for one rule. Pure apart from the crash window each rule keeps.
//   errored            a transition into `errored`
//   memory, liveness   the failure stop a trigger causes (→ stopping with reason code `memory` / `liveness`);
//                      the later moves of that restart carry the same code and do not fire again
//   log_write_failed   an event with reason code `log_write_failed` (a trigger that changes no status, published
//                      as a transition with from === to)
// Kinds are matched on reason codes only, never on the detail text.
//   crash              a crash followed by a scheduled restart (→ waiting), when the app has had more than
//                      `crash.restarts` of them within `crash.within`
import { isResting, parseDuration, type AlertKind, type AlertRule, type TransitionEvent } from '@svctl/protocol';

export const DEFAULT_CRASH = { restarts: 5, withinMs: 60_000 };

export interface Match {
  kind: AlertKind;
  /** For `crash`: restarts counted in the window. */
  crash?: { restarts: number; within_ms: number };
}

export class RuleMatcher {
  readonly #kinds: ReadonlySet<AlertKind>;
  readonly #apps: ReadonlySet<string> | null;
  readonly #crashLimit: number;
  readonly #crashWindowMs: number;
  /** Per app: times (ms) of recent crash restarts, oldest first. Apps with none left in the window are dropped. */
  readonly #crashes = new Map<string, number[]>();
  /** When apps whose crashes all left the window (deleted apps among them) were last dropped. */
  #sweptAt = Number.NEGATIVE_INFINITY;

  constructor(rule: AlertRule) {
    this.#kinds = new Set(rule.on);
    this.#apps = rule.apps === undefined ? null : new Set(rule.apps);
    this.#crashLimit = rule.crash?.restarts ?? DEFAULT_CRASH.restarts;
    this.#crashWindowMs = rule.crash === undefined ? DEFAULT_CRASH.withinMs : (parseDuration(rule.crash.within) ?? DEFAULT_CRASH.withinMs);
  }

  match(event: TransitionEvent, nowMs: number): Match[] {
    if (this.#apps !== null && !this.#apps.has(event.app)) return [];
    const matches: Match[] = [];
    const kinds = this.#kinds;
    if (kinds.has('errored') && event.to === 'errored' && event.from !== 'errored') matches.push({ kind: 'errored' });
    const failureStop = event.to === 'stopping' && !isResting(event.from);
    if (kinds.has('memory') && failureStop && event.reason === 'memory') matches.push({ kind: 'memory' });
    if (kinds.has('liveness') && failureStop && event.reason === 'liveness') matches.push({ kind: 'liveness' });
    if (kinds.has('log_write_failed') && event.reason === 'log_write_failed') matches.push({ kind: 'log_write_failed' });
    if (kinds.has('crash') && event.to === 'waiting') {
      const restarts = this.#countCrash(event.app, nowMs);
      if (restarts > this.#crashLimit) matches.push({ kind: 'crash', crash: { restarts, within_ms: this.#crashWindowMs } });
    }
    return matches;
  }

  #countCrash(app: string, nowMs: number): number {
    let times = this.#crashes.get(app);
    if (times === undefined) this.#crashes.set(app, (times = []));
    times.push(nowMs);
    const cutoff = nowMs - this.#crashWindowMs;
    let drop = 0;
    while (drop < times.length && (times[drop] ?? 0) <= cutoff) drop++;
    if (drop > 0) times.splice(0, drop);
    this.#sweep(nowMs, cutoff);
    return times.length;
  }

  /** At most once per window: forgets apps whose last crash left it, so a deleted app's times do not stay. */
  #sweep(nowMs: number, cutoff: number): void {
    if (nowMs - this.#sweptAt < this.#crashWindowMs) return;
    this.#sweptAt = nowMs;
    for (const [app, times] of this.#crashes) if ((times.at(-1) ?? cutoff) <= cutoff) this.#crashes.delete(app);
  }

  /** Apps with crash times kept (for tests). */
  get trackedApps(): number {
    return this.#crashes.size;
  }
}
