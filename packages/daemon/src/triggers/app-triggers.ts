// Restart triggers of one app: `watch` (chokidar, once per burst of changes) and `cron_restart` (croner).
// They run while the app is wanted: started with it, stopped when it is stopped or deleted and at daemon shutdown.
import type { AppSpec } from '@svctl/protocol';
import type { FSWatcher } from 'chokidar';
import type { TriggerCause } from '../lifecycle/engine.js';
import type { Cron } from 'croner';
import { displayPath, ignoredPathMatcher, watchedPaths } from './watch-paths.js';

/** Quiet time after the last change of a burst before the restart, without watch_delay. */
export const DEFAULT_WATCH_DELAY_MS = 500;

export interface TriggerTarget {
  spec: AppSpec;
  /** Every log file the app writes now (out, err, combined), for every instance. */
  logFiles: () => readonly string[];
  /** $SVCTL_HOME/logs. */
  logsDir: string;
  /** Asks for a restart of every instance; the cause and detail land in the transitions (`watch`, `src/index.js changed`). */
  restart(cause: Extract<TriggerCause, 'watch' | 'cron'>, detail: string): Promise<void>;
  onError(error: unknown, what: string): void;
}

export function hasTriggers(spec: AppSpec): boolean {
  return watchedPaths(spec).length > 0 || spec.cron_restart !== undefined;
}

export class AppTriggers {
  readonly #target: TriggerTarget;
  #watcher: FSWatcher | null = null;
  #cron: Cron | null = null;
  #active = false;
  #changed: string[] = [];
  #burstTimer: NodeJS.Timeout | null = null;
  #restarting: Promise<void> | null = null;

  constructor(target: TriggerTarget) {
    this.#target = target;
  }

  get active(): boolean {
    return this.#active;
  }

  /** Starts the triggers; resolves once the watcher has scanned its paths (a change after that is seen). */
  async start(): Promise<void> {
    if (this.#active) return;
    this.#active = true;
    const { spec } = this.#target;
    if (spec.cron_restart !== undefined) {
      const { Cron } = await import('croner');
      if (!this.#active) return;
      this.#cron = new Cron(spec.cron_restart, { protect: true, catch: (error) => this.#target.onError(error, 'cron_restart') }, () => this.#restart('cron', `cron_restart "${spec.cron_restart}"`));
    }
    const paths = watchedPaths(spec);
    if (paths.length > 0) await this.#watch(paths);
  }

  async stop(): Promise<void> {
    this.#active = false;
    this.#cron?.stop();
    this.#cron = null;
    if (this.#burstTimer !== null) clearTimeout(this.#burstTimer);
    this.#burstTimer = null;
    this.#changed = [];
    const watcher = this.#watcher;
    this.#watcher = null;
    await watcher?.close();
  }

  async #watch(paths: string[]): Promise<void> {
    const { watch } = await import('chokidar');
    if (!this.#active) return;
    const { spec, logFiles, logsDir } = this.#target;
    const ignored = ignoredPathMatcher(spec, logFiles, logsDir);
    const watcher = watch(paths, { ignored, ignoreInitial: true, persistent: true });
    this.#watcher = watcher;
    watcher.on('all', (event, file) => {
      if (event === 'addDir' || event === 'unlinkDir') return;
      this.#onChange(file);
    });
    watcher.on('error', (error) => this.#target.onError(error, 'watch'));
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  }

  // One restart per burst: each change pushes the restart back until watch_delay passes without one.
  #onChange(file: string): void {
    if (!this.#active) return;
    if (!this.#changed.includes(file)) this.#changed.push(file);
    if (this.#burstTimer !== null) clearTimeout(this.#burstTimer);
    this.#burstTimer = setTimeout(() => this.#endBurst(), this.#target.spec.watch_delay ?? DEFAULT_WATCH_DELAY_MS);
  }

  #endBurst(): void {
    this.#burstTimer = null;
    // Changes made while a restart runs form the next burst, handled when it is done.
    if (this.#restarting !== null) return;
    const [first, ...more] = this.#changed.splice(0);
    if (first === undefined) return;
    const suffix = more.length === 0 ? '' : ` (and ${more.length} more)`;
    this.#restart('watch', `${displayPath(this.#target.spec, first)} changed${suffix}`);
  }

  #restart(cause: 'watch' | 'cron', detail: string): void {
    if (!this.#active || this.#restarting !== null) return;
    this.#restarting = this.#target
      .restart(cause, detail)
      .catch((error: unknown) => this.#target.onError(error, `${cause} restart`))
      .finally(() => {
        this.#restarting = null;
        if (this.#changed.length > 0 && this.#burstTimer === null) this.#endBurst();
      });
  }
}
