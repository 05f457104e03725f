// Starting apps the way their health and trigger keys ask: after their depends_on conditions are met (waiting
// in the background, cancellable, when they are not yet), and with their restart triggers (watch, cron_restart)
// running while the app is wanted. The app's phase (app-machine.ts) says whether it waits.
import type { Logger } from 'pino';
import type { Engine } from '../lifecycle/engine.js';
import type { StopCause } from '../lifecycle/machine.js';
import { AppTriggers, hasTriggers } from '../triggers/app-triggers.js';
import { acceptsAppEvent } from './app-machine.js';
import { DependencyGate, unmetDependencies } from './dependencies.js';
import type { ManagedApp } from './managed-app.js';

export interface LauncherContext {
  lookup: (name: string) => ManagedApp | undefined;
  logsDir: string;
  logger: Logger;
  /** Where watch and cron restarts are sent. */
  engine: Engine;
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


  /**
   * Runs `start` once the app's dependencies meet their conditions. While the launches in `before` (its
   * dependencies started by the same request) are in progress, this waits; if the conditions are still unmet
   * after them, the wait goes on in the background (cancelled by quiesce) and the reason is returned. The
   * instances stay stopped with reason `dependency` meanwhile. Returns null when the app was started.
   */
  async launch(app: ManagedApp, start: () => Promise<void>, before: ReadonlyArray<Promise<unknown>> = []): Promise<string | null> {
    this.#cancelWait(app, null);
    const met = () => unmetDependencies(app, this.#context.lookup).length === 0;
    if (met()) {
      app.apply('start');
      await start();
      await this.startTriggers(app);
      return null;
    }
    app.apply('wait');
    for (const unit of app.units) unit.hold('dependency', `waiting for ${unmetDependencies(app, this.#context.lookup).join(', ')}`);
    const controller = new AbortController();
    this.#waits.set(app, controller);
    const whenMet = this.#gate.until(met, controller.signal);
    const launched = whenMet.then(async (ready) => {
      if (this.#waits.get(app) === controller) this.#waits.delete(app);
      // Something else started or stopped it meanwhile (a restart, a stop): nothing to release.
      if (!ready || !acceptsAppEvent(app.phase, 'released')) return false;
      app.apply('released');
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
    const triggers = new AppTriggers({
      spec: app.spec,
      logFiles: () => app.units.flatMap((unit) => Object.values(app.logPaths(unit.instance)).filter((file): file is string => typeof file === 'string')),
      logsDir: this.#context.logsDir,
      restart: (cause, detail) => this.#context.engine.requestRestart({ app: app.id, cause, detail }),
      onError: (error, what) => this.#context.logger.warn({ err: error, app: app.name }, `${app.name}: ${what} failed`),
    });
    this.#triggers.set(app, triggers);
    await triggers.start();
  }

  /** The app is stopped, deleted or replaced (`cause`): no more waiting for dependencies, no more triggers. */
  async quiesce(app: ManagedApp, cause: StopCause): Promise<void> {
    this.#cancelWait(app, cause);
    await this.#stopTriggers(app);
  }

  /** The app took a new spec in place: its triggers start again with the watch/cron keys it has now. */
  async rearmTriggers(app: ManagedApp): Promise<void> {
    await this.#stopTriggers(app);
    await this.startTriggers(app);
  }

  async #stopTriggers(app: ManagedApp): Promise<void> {
    const triggers = this.#triggers.get(app);
    this.#triggers.delete(app);
    await triggers?.stop();
  }

  /** At daemon shutdown. */
  async quiesceAll(): Promise<void> {
    for (const app of [...this.#waits.keys()]) this.#cancelWait(app, null);
    await Promise.all([...this.#triggers.keys()].map((app) => this.quiesce(app, 'daemon_shutdown')));
  }

  #cancelWait(app: ManagedApp, cause: StopCause | null): void {
    const controller = this.#waits.get(app);
    if (controller === undefined) return;
    this.#waits.delete(app);
    controller.abort();
    if (cause !== null) for (const unit of app.units) unit.hold(cause, 'no longer waiting for dependencies');
  }
}
