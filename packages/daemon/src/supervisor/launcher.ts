// Starting apps the way their health and trigger keys ask: after their depends_on conditions are met (waiting
// in the background, cancellable, when they are not yet), and with their restart triggers (watch, cron_restart)
// running while the app is wanted.
import type { Logger } from 'pino';
import { AppTriggers, hasTriggers } from '../triggers/app-triggers.js';
import { DependencyGate, unmetDependencies } from './dependencies.js';
import type { ManagedApp } from './managed-app.js';
import { toUnitSpec } from './unit-spec.js';

export interface LauncherContext {
  lookup: (name: string) => ManagedApp | undefined;
  logsDir: string;
  logger: Logger;
}

export class Launcher {
  readonly #context: LauncherContext;
  readonly #gate = new DependencyGate();
  readonly #waits = new Map<ManagedApp, AbortController>();
  readonly #triggers = new Map<ManagedApp, AppTriggers>();

  constructor(context: LauncherContext) {
    this.#context = context;
  }

  /** Something changed (a transition, a health result): waiting dependents look again. */
  notify(): void {
    this.#gate.notify();
  }

  isWaiting(app: ManagedApp): boolean {
    return this.#waits.has(app);
  }

  /**
   * Runs `start` once the app's dependencies meet their conditions. While the launches in `before` (its
   * dependencies started by the same request) are in progress, this waits; if the conditions are still unmet
   * after them, the wait goes on in the background (cancelled by quiesce) and the reason is returned. The
   * instances stay stopped with that reason meanwhile. Returns null when the app was started.
   */
  async launch(app: ManagedApp, start: () => Promise<void>, before: ReadonlyArray<Promise<unknown>> = []): Promise<string | null> {
    this.#cancelWait(app, null);
    const met = () => unmetDependencies(app, this.#context.lookup).length === 0;
    if (met()) {
      await start();
      await this.startTriggers(app);
      return null;
    }
    for (const unit of app.units) unit.hold(`waiting for ${unmetDependencies(app, this.#context.lookup).join(', ')}`);
    const controller = new AbortController();
    this.#waits.set(app, controller);
    const whenMet = this.#gate.until(met, controller.signal);
    const launched = whenMet.then(async (ready) => {
      if (this.#waits.get(app) === controller) this.#waits.delete(app);
      if (!ready) return false;
      await start();
      await this.startTriggers(app);
      return true;
    });
    const first = await Promise.race([whenMet.then(() => 'met' as const), Promise.allSettled(before).then(() => 'settled' as const)]);
    if (first === 'met' || met()) return (await launched) ? null : 'stopped while waiting for its dependencies';
    launched.catch((error: unknown) => this.#context.logger.error({ err: error, app: app.name }, 'starting after dependencies failed'));
    return `waiting for ${unmetDependencies(app, this.#context.lookup).join(', ')}`;
  }

  /** Starts the app's watch/cron triggers if it has any and they are not running. */
  async startTriggers(app: ManagedApp): Promise<void> {
    if (!hasTriggers(app.spec) || this.#triggers.get(app)?.active === true) return;
    const triggers: AppTriggers = new AppTriggers({
      spec: app.spec,
      logFiles: () => app.units.flatMap((unit) => Object.values(app.logPaths(unit.instance)).filter((file): file is string => typeof file === 'string')),
      logsDir: this.#context.logsDir,
      restart: (reason): Promise<void> => this.#restartFor(app, triggers, reason),
      onError: (error, what) => this.#context.logger.warn({ err: error, app: app.name }, `${app.name}: ${what} failed`),
    });
    this.#triggers.set(app, triggers);
    await triggers.start();
  }

  /** The app is stopped or deleted: no more waiting for dependencies, no more triggers. */
  async quiesce(app: ManagedApp, reason: string): Promise<void> {
    this.#cancelWait(app, reason);
    const triggers = this.#triggers.get(app);
    this.#triggers.delete(app);
    await triggers?.stop();
  }

  /** At daemon shutdown. */
  async quiesceAll(): Promise<void> {
    for (const app of [...this.#waits.keys()]) this.#cancelWait(app, null);
    await Promise.all([...this.#triggers.keys()].map((app) => this.quiesce(app, 'daemon shutdown')));
  }

  #cancelWait(app: ManagedApp, reason: string | null): void {
    const controller = this.#waits.get(app);
    if (controller === undefined) return;
    this.#waits.delete(app);
    controller.abort();
    if (reason !== null) for (const unit of app.units) unit.hold(`${reason}: no longer waiting for dependencies`);
  }

  async #restartFor(app: ManagedApp, triggers: AppTriggers, reason: string): Promise<void> {
    await Promise.all(app.units.map((unit) => unit.restart(toUnitSpec(app.spec, unit.instance), reason)));
    // A stop that came while restarting wins: the app ends stopped.
    if (!triggers.active) await Promise.all(app.units.map((unit) => unit.stop()));
  }
}
