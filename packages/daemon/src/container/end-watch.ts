// When the apps of svctl-runtime have ended for good, and with which code: every instance rests (stopped or
// errored) and nothing will start it again by itself (no backoff wait, no dependency wait, no cron/watch trigger).
import { isResting, type InstanceRow, type TransitionEvent } from '@svctl/protocol';
import { firstFailureCode, type EndedInstance } from './end-code.js';

export interface EndWatchSource {
  rows(): InstanceRow[];
  /** True for an app a trigger (cron_restart, watch) starts again after it ended. */
  restartsItself(app: string): boolean;
  subscribe(listener: (event: TransitionEvent) => void): () => void;
}

export class EndWatch {
  /** When each resting instance came to rest (app:instance → ms). */
  readonly #endedAt = new Map<string, number>();
  readonly #unsubscribe: () => void;
  #armed = false;
  #resolve!: (code: number) => void;
  /** Settles with the exit code once the apps have ended for good (after arm()). */
  readonly ended = new Promise<number>((resolve) => (this.#resolve = resolve));

  constructor(private readonly source: EndWatchSource) {
    this.#unsubscribe = source.subscribe((event) => {
      const key = keyOf(event);
      if (isResting(event.to)) this.#endedAt.set(key, Date.parse(event.at));
      else this.#endedAt.delete(key);
      // After the transition has fully landed (the row reads the unit's state).
      if (this.#armed) setImmediate(() => this.#check());
    });
  }

  /** The apps are started: from now on their end ends the watch. */
  arm(): void {
    this.#armed = true;
    this.#check();
  }

  /** The code the failures that ended for good so far leave (0 when none did). */
  failureCode(): number {
    return firstFailureCode(this.#ended(this.source.rows()));
  }

  close(): void {
    this.#unsubscribe();
  }

  #check(): void {
    const rows = this.source.rows();
    if (rows.length === 0 || !rows.every((row) => this.#endedForGood(row))) return;
    this.#resolve(firstFailureCode(this.#ended(rows)));
  }

  #endedForGood(row: InstanceRow): boolean {
    return isResting(row.status) && row.reason !== 'dependency' && !this.source.restartsItself(row.app);
  }

  #ended(rows: readonly InstanceRow[]): EndedInstance[] {
    return rows.filter((row) => this.#endedForGood(row)).map((row) => ({ row, endedAt: this.#endedAt.get(keyOf(row)) ?? Number.POSITIVE_INFINITY }));
  }
}

function keyOf(instance: { app: string; instance: number }): string {
  return `${instance.app}:${instance.instance}`;
}
