// The engine: every app by id, name and namespace, and the verbs users apply to them.
// Handlers call it; it is independent of any transport.
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
import type { Unit } from '../lifecycle/unit.js';
import { describeLogFiles } from '../logs/app-views.js';
import type { LogService } from '../logs/log-service.js';
import type { MetricsSource } from './metrics-source.js';
import type { OsSeam } from '../os/seam.js';
import { toSignal } from '../os/signals.js';
import type { EventBus } from './event-bus.js';
import { checkDependencies, stopDependentsFirst } from './dependencies.js';
import { checkInstanceLimit, instancesAfterStart } from './instance-limit.js';
import { Launcher } from './launcher.js';
import { ManagedApp, type DesiredState } from './managed-app.js';
import { maskSecrets } from './secrets.js';
import { quoteArgv } from './shell-quote.js';
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

export class Supervisor {
  private readonly apps: ManagedApp[] = [];
  private nextId = 0;

  /** depends_on waits and watch/cron triggers. */
  private readonly launcher: Launcher;

  constructor(private readonly context: SupervisorContext) {
    this.launcher = new Launcher({ lookup: (name) => this.apps.find((app) => app.name === name), logsDir: context.logsDir, logger: context.logger });
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
      launches.set(entry.app.name, Promise.resolve().then(() => this.launchRegistered(entry.app, entry.action, dependencies())));
    }
    const outcomes = await Promise.all(launches.values());
    return { file: params.adhoc === undefined ? loaded.file : null, apps: outcomes, warnings: loaded.warnings };
  }

  async stop(target: string, cwd?: string): Promise<Outcome[]> {
    const apps = await resolveTarget(this.apps, target, cwd);
    return stopDependentsFirst(apps, async (app) => {
      const wasActive = app.isActive() || this.launcher.isWaiting(app);
      app.desired = 'stopped';
      await this.launcher.quiesce(app, 'user stop');
      await Promise.all(app.units.map((unit) => unit.stop()));
      return outcome(app, wasActive ? 'stopped' : 'already_stopped');
    });
  }

  async restart(target: string, cwd: string | undefined, update: EnvUpdate): Promise<Outcome[]> {
    const apps = await resolveTarget(this.apps, target, cwd);
    return Promise.all(
      apps.map(async (app) => {
        this.applyEnvUpdate(app, update);
        app.desired = 'running';
        await Promise.all(app.units.map((unit) => unit.restart(toUnitSpec(app.spec, unit.instance))));
        await this.launcher.startTriggers(app);
        return withFailures(app, 'restarted');
      }),
    );
  }

  /** Replaces instances one at a time; each new one is online before the old one is stopped. */
  async reload(target: string, cwd: string | undefined, update: EnvUpdate): Promise<Outcome[]> {
    const apps = await resolveTarget(this.apps, target, cwd);
    const outcomes: Outcome[] = [];
    for (const app of apps) {
      this.applyEnvUpdate(app, update);
      app.desired = 'running';
      for (const [index, old] of [...app.units].entries()) {
        const fresh = app.createUnit(old.instance);
        await fresh.start();
        if (fresh.status !== 'online') {
          // The new instance failed (spawn, exit, or not ready within listen_timeout): keep the old one serving and say so.
          const reason = fresh.snapshot().last_reason;
          await fresh.stop();
          app.releaseUnit(fresh);
          throw new SvctlError('SPAWN_FAILED', `reload of ${app.name}[${old.instance}] failed: ${reason}; the old instance keeps running`);
        }
        app.units[index] = fresh;
        await old.stop();
        old.dispose();
      }
      outcomes.push(outcome(app, 'reloaded'));
    }
    return outcomes;
  }

  async delete(target: string, cwd?: string): Promise<Outcome[]> {
    const apps = await resolveTarget(this.apps, target, cwd);
    return stopDependentsFirst(apps, async (app) => {
        await this.launcher.quiesce(app, 'user delete');
        await Promise.all(app.units.map((unit) => unit.stop()));
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
    app.desired = 'running';
    app.spec = { ...app.spec, instances: Math.max(instances, 0) };
    if (instances > before) {
      const added = Array.from({ length: instances - before }, (_, offset) => app.createUnit(before + offset));
      app.units.push(...added);
      await Promise.all(added.map((unit) => unit.start()));
    } else {
      const removed = app.units.splice(instances);
      await Promise.all(removed.map((unit) => unit.stop()));
      for (const unit of removed) app.releaseUnit(unit);
    }
    return [outcome(app, 'scaled', `${before} → ${instances} instances`)];
  }

  async signal(target: string, cwd: string | undefined, signal: string): Promise<Outcome[]> {
    if (toSignal(signal) === null) throw new SvctlError('INVALID_SIGNAL', `unknown signal "${signal}"`, { hint: 'use a name such as SIGHUP, SIGUSR2 or HUP' });
    const apps = await resolveTarget(this.apps, target, cwd);
    const outcomes = apps.map((app) => {
      const live = app.units.filter((unit) => isSignallable(unit.status));
      for (const unit of live) unit.signal(signal);
      return outcome(app, 'signalled', `${live.length} instance(s)`);
    });
    if (outcomes.every((entry) => entry.detail === '0 instance(s)')) {
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
  async restore(saved: readonly SavedApp[]): Promise<Outcome[]> {
    return Promise.all(
      saved.map(async (entry) => {
        const existing = this.apps.find((app) => app.name === entry.spec.name);
        if (existing !== undefined) return outcome(existing, existing.isActive() ? 'already_running' : 'already_stopped', 'already registered; left as it is');
        const idFree = entry.id !== undefined && !this.apps.some((app) => app.id === entry.id);
        const id = idFree && entry.id !== undefined ? entry.id : this.nextId;
        this.nextId = Math.max(this.nextId, id + 1);
        const app = new ManagedApp(id, entry.spec, {
          os: this.context.os,
          logsDir: this.context.logsDir,
          logs: this.context.logs,
          onTransition: (event) => this.context.bus.publish(event),
          onHealthChange: () => this.launcher.notify(),
        });
        app.desired = entry.desired;
        this.apps.push(app);
        if (entry.desired === 'stopped') return outcome(app, 'stopped', 'restored as stopped');
        const waiting = await this.launcher.launch(app, () => startUnits(app));
        return waiting === null ? withFailures(app, 'started') : outcome(app, 'started', waiting);
      }),
    );
  }

  /** At daemon shutdown: every instance stopped gracefully, in parallel. */
  async stopAll(): Promise<void> {
    await this.launcher.quiesceAll();
    await stopDependentsFirst(this.apps, (app) => Promise.all(app.units.map((unit) => unit.stop())));
    for (const app of this.apps) void app.releaseAll();
  }

  private registerSpec(spec: AppSpec): { outcome: Outcome } | { app: ManagedApp; action: OutcomeAction } {
    const existing = this.apps.find((app) => app.name === spec.name);
    if (existing !== undefined && existing.isActive()) return { outcome: outcome(existing, 'already_running', 'left as it is') };
    if (existing !== undefined) {
      void this.launcher.quiesce(existing, 'replaced');
      void existing.releaseAll();
      this.apps.splice(this.apps.indexOf(existing), 1);
    }
    const app = new ManagedApp(existing?.id ?? this.nextId++, spec, {
      os: this.context.os,
      logsDir: this.context.logsDir,
      logs: this.context.logs,
      onTransition: (event) => this.context.bus.publish(event),
      onHealthChange: () => this.launcher.notify(),
    });
    this.apps.push(app);
    return { app, action: existing === undefined ? 'started' : 'updated_and_started' };
  }

  private async launchRegistered(app: ManagedApp, action: OutcomeAction, dependencies: ReadonlyArray<Promise<Outcome>>): Promise<Outcome> {
    const waiting = await this.launcher.launch(app, () => startUnits(app), dependencies);
    return waiting === null ? withFailures(app, action) : outcome(app, action, waiting);
  }

  private async startExisting(app: ManagedApp): Promise<Outcome> {
    app.desired = 'running';
    if (app.isActive() || this.launcher.isWaiting(app)) return outcome(app, 'already_running', 'left as it is');
    const waiting = await this.launcher.launch(app, async () => {
      await Promise.all(app.units.map((unit) => unit.restart(toUnitSpec(app.spec, unit.instance))));
    });
    return waiting === null ? withFailures(app, 'started') : outcome(app, 'started', waiting);
  }

  private applyEnvUpdate(app: ManagedApp, update: EnvUpdate): void {
    if (update.update_env === true && update.env !== undefined) app.spec = { ...app.spec, base_env: update.env };
  }
}

async function startUnits(app: ManagedApp): Promise<void> {
  await Promise.all(app.units.map((unit) => unit.start()));
}

function outcome(app: ManagedApp, action: OutcomeAction, detail?: string): Outcome {
  return { app: app.name, id: app.id, action, ...(detail === undefined ? {} : { detail }) };
}

// An instance that ended errored right away (e.g. spawn failure) makes the verb report a failure.
function withFailures(app: ManagedApp, action: OutcomeAction): Outcome {
  const errored = app.units.filter((unit) => unit.status === 'errored');
  if (errored.length === 0) return outcome(app, action);
  const reasons = [...new Set(errored.map((unit) => unit.snapshot().last_reason))].join('; ');
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
    last_reason: snapshot.last_reason,
    health: snapshot.health,
    log_state: app.logState(unit.instance),
    ...(metrics?.current(unit, snapshot.pid) ?? { cpu: null, memory: null }),
  };
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
