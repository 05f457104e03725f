// The engine: every app by id, name and namespace, and the verbs users apply to them. The one door: only
// the supervisor commands units, each command carrying its cause (a reason code); the monitor and the
// triggers send it requests (lifecycle/engine.ts). Handlers call it; it is independent of any transport.
import path from 'node:path';
import {
  isRunning,
  isSignallable,
  SvctlError,
  type AppDescription,
  type AppOutcome,
  type AppSpec,
  type AppsStart,
  type InstanceRow,
  type ParamsOf,
  type ResultOf,
} from '@svctl/protocol';
import type { Logger } from 'pino';
import { buildAdHocAppInChild, loadAppFileInChild } from '../apps/load-in-child.js';
import type { LoadRequest } from '../apps/types.js';
import type { Engine, RestartRequest } from '../lifecycle/engine.js';
import type { RequestCause } from '../lifecycle/policy.js';
import type { Unit } from '../lifecycle/unit.js';
import { describeLogFiles } from '../logs/app-views.js';
import type { LogService } from '../logs/log-service.js';
import type { MetricsSource } from './metrics-source.js';
import type { OsSeam } from '../os/seam.js';
import { toSignal } from '../os/signals.js';
import { acceptsAppEvent, type AppEvent, type DesiredState } from './app-machine.js';
import type { EventBus } from './event-bus.js';
import { checkDependencies, stopDependentsFirst } from './dependencies.js';
import { checkInstanceLimit, instancesAfterStart } from './instance-limit.js';
import { Launcher } from './launcher.js';
import { ManagedApp } from './managed-app.js';
import { maskSecrets } from './secrets.js';
import { quoteArgv } from './shell-quote.js';
import { replaceInstances } from './replace-instances.js';
import { resolveTarget } from './targets.js';
import { toUnitSpec } from './unit-spec.js';

type Outcome = AppOutcome;
type OutcomeAction = AppOutcome['action'];

export interface SupervisorContext {
  os: OsSeam;
  logsDir: string;
  logs: LogService;
  logger: Logger;
  bus: EventBus;
  /** Monitoring samples for the cpu/memory of list rows and the history of describe. */
  metrics?: MetricsSource;
}

/** An app as the dump and the journal hold it. */
export interface SavedApp {
  id?: number;
  desired: DesiredState;
  spec: AppSpec;
}

export interface ExportedApp extends Required<SavedApp> {
  instances: Array<{ instance: number; pid: number | null }>;
}

export interface EnvUpdate {
  update_env?: boolean;
  env?: Record<string, string>;
}

export class Supervisor implements Engine {
  private readonly apps: ManagedApp[] = [];
  private nextId = 0;

  /** depends_on waits and watch/cron triggers. */
  private readonly launcher: Launcher;

  constructor(private readonly context: SupervisorContext) {
    this.launcher = new Launcher({ lookup: (name) => this.apps.find((app) => app.name === name), logsDir: context.logsDir, logger: context.logger, engine: this });
    context.bus.subscribe(() => this.launcher.notify());
  }

  async start(params: ParamsOf<typeof AppsStart>): Promise<ResultOf<typeof AppsStart>> {
    if (params.target !== undefined) {
      const apps = await resolveTarget(this.apps, params.target, params.cwd);
      return { file: null, apps: await Promise.all(apps.map((app) => this.startExisting(app))), warnings: [] };
    }
    const loaded =
      params.adhoc !== undefined
        ? await buildAdHocAppInChild({ ...params.adhoc, args: params.adhoc.args, cwd: params.cwd, env: params.env })
        : await loadAppFileInChild(loadRequestOf(params));
    checkDependencies(loaded.apps, this.apps);
    checkInstanceLimit(instancesAfterStart(this.apps, loaded.apps));
    // All apps are registered first (dependents find their dependencies by name), then each starts
    // once the dependencies it has in this request have been launched.
    const registered = loaded.apps.map((spec) => this.registerSpec(spec));
    const launches = new Map<string, Promise<Outcome>>();
    for (const entry of registered) {
      if ('outcome' in entry) {
        launches.set(entry.outcome.app, Promise.resolve(entry.outcome));
        continue;
      }
      const dependencies = () => Object.keys(entry.app.spec.depends_on ?? {}).flatMap((name) => launches.get(name) ?? []);
      launches.set(entry.app.name, Promise.resolve().then(() => this.launch(entry.app, entry.action, 'user_start', dependencies())));
    }
    const outcomes = await Promise.all(launches.values());
    return { file: params.adhoc === undefined ? loaded.file : null, apps: outcomes, warnings: loaded.warnings };
  }

  async stop(target: string, cwd?: string): Promise<Outcome[]> {
    const apps = await resolveTarget(this.apps, target, cwd);
    return stopDependentsFirst(apps, async (app) => {
      const wasActive = app.isActive() || app.phase === 'waiting';
      app.apply('stop');
      await this.launcher.quiesce(app, 'user_stop');
      await Promise.all(app.units.map((unit) => unit.stop('user_stop')));
      return outcome(app, wasActive ? 'stopped' : 'already_stopped');
    });
  }

  async restart(target: string, cwd: string | undefined, update: EnvUpdate): Promise<Outcome[]> {
    const apps = await resolveTarget(this.apps, target, cwd);
    return Promise.all(
      apps.map(async (app) => {
        this.applyEnvUpdate(app, update);
        applyOrBusy(app, 'start');
        await Promise.all(app.units.map((unit) => unit.restart('user_restart', '', toUnitSpec(app.spec, unit.instance))));
        await this.launcher.startTriggers(app);
        return withFailures(app, 'restarted');
      }),
    );
  }

  /** Replaces instances one at a time; each new one is ready before the old one is stopped (replace-instances.ts). */
  async reload(target: string, cwd: string | undefined, update: EnvUpdate): Promise<Outcome[]> {
    const apps = await resolveTarget(this.apps, target, cwd);
    const outcomes: Outcome[] = [];
    for (const app of apps) {
      this.applyEnvUpdate(app, update);
      let steps: string[] = [];
      await this.rollout(app, 'reload', async () => {
        steps = await replaceInstances(app, () => this.context.os.now());
      });
      outcomes.push(outcome(app, 'reloaded', steps.join('; ')));
    }
    return outcomes;
  }

  // A reload or a scaling, as one move of the app machine there and back; one at a time per app.
  private async rollout(app: ManagedApp, event: Extract<AppEvent, 'reload' | 'scale'>, work: () => Promise<void>): Promise<void> {
    applyOrBusy(app, event);
    try {
      await work();
    } finally {
      app.apply('done');
    }
  }

  async delete(target: string, cwd?: string): Promise<Outcome[]> {
    const apps = await resolveTarget(this.apps, target, cwd);
    return stopDependentsFirst(apps, async (app) => {
        app.apply('stop');
        await this.launcher.quiesce(app, 'user_delete');
        await Promise.all(app.units.map((unit) => unit.stop('user_delete')));
        this.apps.splice(this.apps.indexOf(app), 1);
        // Its lines leave the log ring once its pipes have delivered the last ones (unless the name is back).
        void app.releaseAll().then(() => {
          if (!this.apps.some((other) => other.name === app.name)) this.context.logs.forget(app.name);
        });
        return outcome(app, 'deleted');
    });
  }

  async scale(name: string, instances: number): Promise<Outcome[]> {
    const app = this.apps.find((candidate) => candidate.name === name);
    if (app === undefined) throw new SvctlError('APP_NOT_FOUND', `no app named "${name}"`, { hint: 'svctl list shows the apps' });
    const before = app.units.length;
    checkInstanceLimit(instancesAfterStart(this.apps, []) - before + instances);
    await this.rollout(app, 'scale', async () => {
      app.spec = { ...app.spec, instances: Math.max(instances, 0) };
      if (instances > before) {
        const added = Array.from({ length: instances - before }, (_, offset) => app.createUnit(before + offset));
        app.units.push(...added);
        await Promise.all(added.map((unit) => unit.start('scale')));
      } else {
        const removed = app.units.splice(instances);
        await Promise.all(removed.map((unit) => unit.stop('scale')));
        for (const unit of removed) app.releaseUnit(unit);
      }
    });
    return [outcome(app, 'scaled', `${before} → ${instances} instances`)];
  }

  async signal(target: string, cwd: string | undefined, signal: string): Promise<Outcome[]> {
    if (toSignal(signal) === null) throw new SvctlError('INVALID_SIGNAL', `unknown signal "${signal}"`, { hint: 'use a name such as SIGHUP, SIGUSR2 or HUP' });
    const apps = await resolveTarget(this.apps, target, cwd);
    let signalled = 0;
    const outcomes = apps.map((app) => {
      const live = app.units.filter((unit) => isSignallable(unit.status));
      for (const unit of live) unit.signal(signal);
      signalled += live.length;
      return outcome(app, 'signalled', `${live.length} instance(s)`);
    });
    if (signalled === 0) {
      throw new SvctlError('NOT_RUNNING', `no running instance of "${target}" to signal`);
    }
    return outcomes;
  }

  async reset(target: string, cwd?: string): Promise<Outcome[]> {
    const apps = await resolveTarget(this.apps, target, cwd);
    return apps.map((app) => {
      for (const unit of app.units) unit.resetCounters();
      return outcome(app, 'reset');
    });
  }

  /** The apps a target names (for logs and other read-only consumers). */
  resolveApps(target: string, cwd?: string): Promise<ManagedApp[]> {
    return resolveTarget(this.apps, target, cwd);
  }

  /** Every app, in id order of creation. */
  allApps(): readonly ManagedApp[] {
    return this.apps;
  }

  list(): InstanceRow[] {
    return this.apps.flatMap((app) => app.units.map((unit) => row(app, unit, this.context.metrics)));
  }

  /** Every instance with its app's spec (for the monitor). */
  *instances(): Iterable<{ id: number; unit: Unit; spec: AppSpec }> {
    for (const app of this.apps) for (const unit of app.units) yield { id: app.id, unit, spec: app.spec };
  }

  async describe(target: string, cwd: string | undefined, showEnv: boolean): Promise<AppDescription[]> {
    const apps = await resolveTarget(this.apps, target, cwd);
    return apps.map((app) => ({
      id: app.id,
      app: app.name,
      namespace: app.spec.namespace,
      spec: showEnv ? app.spec : { ...app.spec, env: maskSecrets(app.spec.env), base_env: maskSecrets(app.spec.base_env) },
      command_line: quoteArgv(app.spec.command),
      log_files: describeLogFiles(app.logPaths(0)),
      instances: app.units.map((unit) => ({
        ...row(app, unit, this.context.metrics),
        history: unit.snapshot().history,
        checks: unit.snapshot().checks,
        samples: this.context.metrics?.samples(unit) ?? [],
      })),
    }));
  }

  /** Every app with its spec, desired state and live pids (for the dump and the journal). */
  exportApps(): ExportedApp[] {
    return this.apps.map((app) => ({
      id: app.id,
      desired: app.desired,
      spec: app.spec,
      instances: app.units.map((unit) => ({ instance: unit.instance, pid: unit.snapshot().pid })),
    }));
  }

  /** Registers saved apps, keeping their ids when free; those saved running are started. A name already registered is left alone. */
  async restore(saved: readonly SavedApp[], cause: Extract<RequestCause, 'resurrect' | 'daemon_recovery'>): Promise<Outcome[]> {
    return Promise.all(
      saved.map(async (entry) => {
        const existing = this.apps.find((app) => app.name === entry.spec.name);
        if (existing !== undefined) return outcome(existing, existing.isActive() ? 'already_running' : 'already_stopped', 'already registered; left as it is');
        const idFree = entry.id !== undefined && !this.apps.some((app) => app.id === entry.id);
        const id = idFree && entry.id !== undefined ? entry.id : this.nextId;
        this.nextId = Math.max(this.nextId, id + 1);
        const app = this.createApp(id, entry.spec);
        this.apps.push(app);
        if (entry.desired === 'stopped') return outcome(app, 'stopped', 'restored as stopped');
        return this.launch(app, 'started', cause);
      }),
    );
  }

  /** At daemon shutdown: every instance stopped gracefully, in parallel. The apps stay wanted (the journal says so). */
  async stopAll(): Promise<void> {
    await this.launcher.quiesceAll();
    await stopDependentsFirst(this.apps, (app) => Promise.all(app.units.map((unit) => unit.stop('daemon_shutdown'))));
    for (const app of this.apps) void app.releaseAll();
  }

  /** The one door for the monitor and the triggers: a restart with its cause, through the units' machine and policy. */
  async requestRestart({ app: id, instance, cause, detail }: RestartRequest): Promise<void> {
    const app = this.apps.find((candidate) => candidate.id === id);
    if (app === undefined || !app.isWanted()) return;
    const units = app.units.filter((unit) => instance === undefined || unit.instance === instance);
    if (cause === 'memory') {
      // A failure stop: the policy decides (backoff, max_restarts), as after a crash.
      for (const unit of units) unit.fail(cause, detail);
      return;
    }
    if (app.phase !== 'running') return;
    await Promise.all(units.map((unit) => unit.restart(cause, detail, toUnitSpec(app.spec, unit.instance))));
    // A stop that came while restarting wins: the app ends stopped.
    if (!app.isWanted()) await Promise.all(app.units.map((unit) => unit.stop('user_stop')));
  }

  private createApp(id: number, spec: AppSpec): ManagedApp {
    return new ManagedApp(id, spec, {
      os: this.context.os,
      logsDir: this.context.logsDir,
      logs: this.context.logs,
      onTransition: (event) => this.context.bus.publish(event),
      onHealthChange: () => this.launcher.notify(),
      onClusterProblem: (detail) => this.context.logger.warn({ app: spec.name }, detail),
    });
  }

  private registerSpec(spec: AppSpec): { outcome: Outcome } | { app: ManagedApp; action: OutcomeAction } {
    const existing = this.apps.find((app) => app.name === spec.name);
    if (existing !== undefined && existing.isActive()) return { outcome: outcome(existing, 'already_running', 'left as it is') };
    if (existing !== undefined) {
      void this.launcher.quiesce(existing, 'user_start');
      void existing.releaseAll();
      this.apps.splice(this.apps.indexOf(existing), 1);
    }
    const app = this.createApp(existing?.id ?? this.nextId++, spec);
    this.apps.push(app);
    return { app, action: existing === undefined ? 'started' : 'updated_and_started' };
  }

  private async launch(app: ManagedApp, action: OutcomeAction, cause: RequestCause, dependencies: ReadonlyArray<Promise<Outcome>> = []): Promise<Outcome> {
    const waiting = await this.launcher.launch(app, () => startUnits(app, cause), dependencies);
    return waiting === null ? withFailures(app, action) : outcome(app, action, waiting);
  }

  private async startExisting(app: ManagedApp): Promise<Outcome> {
    // Waiting for dependencies, reloading or scaling: it is being started already.
    if (app.phase !== 'stopped' && app.phase !== 'running') return outcome(app, 'already_running', 'left as it is');
    if (app.isActive()) {
      app.apply('start');
      return outcome(app, 'already_running', 'left as it is');
    }
    const waiting = await this.launcher.launch(app, async () => {
      await Promise.all(app.units.map((unit) => unit.restart('user_start', '', toUnitSpec(app.spec, unit.instance))));
    });
    return waiting === null ? withFailures(app, 'started') : outcome(app, 'started', waiting);
  }

  private applyEnvUpdate(app: ManagedApp, update: EnvUpdate): void {
    if (update.update_env === true && update.env !== undefined) app.spec = { ...app.spec, base_env: update.env };
  }
}

/** An app-level move a verb needs; refused while a reload or scaling (or a dependency wait) is in progress. */
function applyOrBusy(app: ManagedApp, event: AppEvent): void {
  if (!acceptsAppEvent(app.phase, event)) {
    throw new SvctlError('ALREADY_RUNNING', `${app.name} is ${app.phase === 'waiting' ? 'waiting for its dependencies' : app.phase}; try again once that is done`);
  }
  app.apply(event);
}

async function startUnits(app: ManagedApp, cause: RequestCause): Promise<void> {
  await Promise.all(app.units.map((unit) => unit.start(cause)));
}

function outcome(app: ManagedApp, action: OutcomeAction, detail?: string): Outcome {
  return { app: app.name, id: app.id, action, ...(detail === undefined ? {} : { detail }) };
}

// An instance that ended errored right away (e.g. spawn failure) makes the verb report a failure.
function withFailures(app: ManagedApp, action: OutcomeAction): Outcome {
  const errored = app.units.filter((unit) => unit.status === 'errored');
  if (errored.length === 0) return outcome(app, action);
  const reasons = [...new Set(errored.map((unit) => describeLast(unit)))].join('; ');
  return { ...outcome(app, action, `${errored.length} instance(s) errored: ${reasons}`), failed: true };
}

function row(app: ManagedApp, unit: Unit, metrics: MetricsSource | undefined): InstanceRow {
  const snapshot = unit.snapshot();
  return {
    id: app.id,
    app: app.name,
    namespace: app.spec.namespace,
    instance: unit.instance,
    pid: snapshot.pid,
    status: snapshot.status,
    restarts: snapshot.restarts,
    unstable_restarts: snapshot.unstable_restarts,
    uptime_ms: isRunning(snapshot.status) ? snapshot.uptime_ms : 0,
    started_at: snapshot.started_at === null ? null : new Date(snapshot.started_at).toISOString(),
    exit_code: snapshot.exit_code,
    signal: snapshot.signal,
    reason: snapshot.reason,
    detail: snapshot.detail,
    health: snapshot.health,
    log_state: app.logState(unit.instance),
    ...(metrics?.current(unit, snapshot.pid) ?? { cpu: null, memory: null }),
  };
}

function describeLast(unit: Unit): string {
  const { reason, detail } = unit.snapshot();
  return detail === '' ? String(reason) : `${reason}: ${detail}`;
}

export function logsDirOf(home: string): string {
  return path.join(home, 'logs');
}

function loadRequestOf(params: ParamsOf<typeof AppsStart>): LoadRequest {
  const request: LoadRequest = { cwd: params.cwd, env: params.env };
  if (params.file !== undefined) request.file = params.file;
  if (params.env_name !== undefined) request.envName = params.env_name;
  if (params.only !== undefined) request.only = params.only;
  if (params.ignore_unknown !== undefined) request.ignoreUnknown = params.ignore_unknown;
  return request;
}
