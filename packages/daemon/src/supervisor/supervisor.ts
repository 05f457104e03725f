// The engine: every app by id, name and namespace, and the verbs users apply to them. The one door: only
// the supervisor commands units, each command carrying its cause (a reason code); the monitor and the
// triggers send it requests (lifecycle/engine.ts). Handlers call it; it is independent of any transport.
import os from 'node:os';
import path from 'node:path';
import {
  isRunning,
  isSignallable,
  maskSecrets,
  SerializedResult,
  SvctlError,
  type AppDescription,
  type AppOutcome,
  type AppSpec,
  type AppsReload,
  type AppsRestart,
  type AppsEnv,
  type AppsList,
  type AppsStart,
  type InstanceRow,
  type LoadRequest,
  type LoadResult,
  type ParamsOf,
  type ResultOf,
} from '@svctl/protocol';
import type { Logger } from 'pino';
import { buildAdHocAppInChild, loadAppFileInChild } from '../apps/load-in-child.js';
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
import { RowTexts } from './row-texts.js';
import { settleOutcomes } from './settle.js';
import { quoteArgv } from './shell-quote.js';
import { replaceInstances } from './replace-instances.js';
import { scaleTarget } from './scale-target.js';
import { sharedPortWarnings } from './shared-port-warnings.js';
import { appliesInPlace, changedKeys } from './spec-changes.js';
import { resolveTarget, targetFile } from './targets.js';
import { toUnitSpec } from './unit-spec.js';

type Outcome = AppOutcome;
type OutcomeAction = AppOutcome['action'];
type Outcomes = { apps: Outcome[]; warnings: string[] };

/** What `start` does to the apps of a file that are running: keep them, or restart or reload them with the file's spec. */
export type IfRunning = NonNullable<ParamsOf<typeof AppsStart>['if_running']>;

/** An app of a loaded file: left as it is, started (new or replacing a stopped one), or running and given the file's spec. */
type FileEntry =
  | { kind: 'kept'; outcome: Outcome }
  | { kind: 'start'; app: ManagedApp; action: OutcomeAction }
  | { kind: 'apply'; app: ManagedApp; spec: AppSpec; mode: Exclude<IfRunning, 'keep'> };

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

  private readonly rowTexts = new RowTexts<Unit>();

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
        ? await buildAdHocAppInChild({ ...params.adhoc, args: params.adhoc.args, cwd: params.cwd, env: params.env, ...(params.umask === undefined ? {} : { umask: params.umask }) })
        : await loadAppFileInChild(loadRequestOf(params));
    const started = await this.startLoaded(loaded, params.if_running ?? 'keep', params);
    return { file: params.adhoc === undefined ? loaded.file : null, ...started };
  }

  /** Runs a verb, then watches the instances it started settle (settle.ts) and reports those that failed. */
  async settled<R extends { apps: Outcome[] }>(wait: boolean, work: () => Promise<R>): Promise<R> {
    const since = this.context.os.now();
    const result = await work();
    const context = {
      os: this.context.os,
      subscribe: this.context.bus.subscribe.bind(this.context.bus),
      recentErrors: this.context.logs.recentErrors.bind(this.context.logs),
      lookup: (id: number) => this.apps.find((app) => app.id === id),
    };
    return { ...result, apps: await settleOutcomes(result.apps, since, wait, context) };
  }

  // The apps of a file: all are registered first (dependents find their dependencies by name), then each
  // starts (or, running, is restarted or reloaded) once the dependencies it has in this request have been.
  private async startLoaded(loaded: LoadResult, ifRunning: IfRunning, update: EnvUpdate): Promise<Outcomes> {
    checkDependencies(loaded.apps, this.apps);
    checkInstanceLimit(instancesAfterStart(this.apps, loaded.apps, ifRunning !== 'keep'));
    const entries = loaded.apps.map((spec) => this.registerSpec(spec, ifRunning, update));
    const launches = new Map<string, Promise<Outcome>>();
    for (const entry of entries) {
      if (entry.kind === 'kept') {
        launches.set(entry.outcome.app, Promise.resolve(entry.outcome));
        continue;
      }
      if (entry.kind === 'start' && entry.app.spec.autostart === false) {
        launches.set(entry.app.name, Promise.resolve(outcome(entry.app, 'registered', `autostart false: \`svctl start ${entry.app.name}\` starts it`)));
        continue;
      }
      const dependencies = () => Object.keys(entry.app.spec.depends_on ?? {}).flatMap((name) => launches.get(name) ?? []);
      launches.set(entry.app.name, Promise.resolve().then(() => this.launchEntry(entry, dependencies())));
    }
    const outcomes = (await Promise.all(launches.values())).map((result) => {
      const spec = loaded.apps.find((candidate) => candidate.name === result.app);
      return spec === undefined || result.action === 'already_running' ? result : withWarnings(result, spec);
    });
    return { apps: outcomes, warnings: loaded.warnings };
  }

  private async launchEntry(entry: Exclude<FileEntry, { kind: 'kept' }>, dependencies: ReadonlyArray<Promise<Outcome>>): Promise<Outcome> {
    if (entry.kind === 'start') return this.launch(entry.app, entry.action, 'user_start', dependencies);
    await Promise.allSettled(dependencies);
    const changed = changedKeys(entry.app.spec, entry.spec);
    if (appliesInPlace(entry.app.spec, entry.spec) && entry.app.canUpdate(entry.spec)) return { ...(await this.updateApp(entry.app, entry.spec)), changed, applied: 'in_place' };
    const applied = entry.mode === 'restart' ? await this.restartApp(entry.app, {}, entry.spec) : await this.reloadApp(entry.app, {}, entry.spec);
    return { ...applied, changed, applied: 'new_processes' };
  }

  // Every change is live: the running instances take the spec in place (same pids, counters kept); the
  // instances beyond its count stop, missing ones start; the triggers start again with its keys.
  private async updateApp(app: ManagedApp, spec: AppSpec): Promise<Outcome> {
    const before = app.units.length;
    await this.rollout(app, 'scale', async () => {
      await this.resize(app, Math.min(spec.instances, app.units.length));
      app.updateInPlace(spec);
      await Promise.all((await this.resize(app, spec.instances)).map((unit) => unit.start('scale')));
    });
    await this.launcher.rearmTriggers(app);
    return outcome(app, 'updated', before === spec.instances ? undefined : `${before} → ${spec.instances} instances`);
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

  /** Restarts apps; a target that is an app file is read again and applied (pm2's startOrRestart). */
  async restart(params: ParamsOf<typeof AppsRestart>): Promise<Outcomes> {
    const file = targetFile(this.apps, params.target, params.cwd);
    if (file !== null) return this.startLoaded(await loadAppFileInChild(fileRequestOf(file, params)), 'restart', params);
    const apps = await resolveTarget(this.apps, params.target, params.cwd);
    return { apps: await Promise.all(apps.map((app) => this.restartApp(app, params))), warnings: [] };
  }

  /** Replaces instances one at a time; a target that is an app file is read again and applied (pm2's startOrReload). */
  async reload(params: ParamsOf<typeof AppsReload>): Promise<Outcomes> {
    const file = targetFile(this.apps, params.target, params.cwd);
    if (file !== null) return this.startLoaded(await loadAppFileInChild(fileRequestOf(file, params)), 'reload', params);
    const apps = await resolveTarget(this.apps, params.target, params.cwd);
    const outcomes: Outcome[] = [];
    for (const app of apps) outcomes.push(await this.reloadApp(app, params));
    return { apps: outcomes, warnings: [] };
  }

  // With `spec` (from the app file): the app takes it first, scaling to its instances; every process restarts with it.
  private async restartApp(app: ManagedApp, update: EnvUpdate, spec?: AppSpec): Promise<Outcome> {
    this.applyEnvUpdate(app, update);
    applyOrBusy(app, 'start');
    const added = spec === undefined ? [] : await this.adopt(app, spec, 'user_restart').then(() => this.resize(app, spec.instances));
    await Promise.all(
      app.units.map((unit) =>
        added.includes(unit) ? unit.start('scale') : unit.restart('user_restart', '', toUnitSpec(app.spec, unit.instance), app.checksOf(unit.instance)),
      ),
    );
    await this.launcher.startTriggers(app);
    app.closeUnusedOutputs();
    return outcome(app, 'restarted');
  }

  // With `spec`: the app takes it first; extra instances stop, the others are replaced one by one, then missing ones start.
  private async reloadApp(app: ManagedApp, update: EnvUpdate, spec?: AppSpec): Promise<Outcome> {
    this.applyEnvUpdate(app, update);
    const previous = app.spec;
    let steps: string[] = [];
    try {
      await this.rollout(app, 'reload', async () => {
        if (spec !== undefined) await this.adopt(app, spec, 'reload');
        steps = await replaceInstances(app, () => this.context.os.now());
        if (spec !== undefined) await Promise.all((await this.resize(app, spec.instances)).map((unit) => unit.start('scale')));
      });
    } catch (error) {
      // The instances not replaced run the old spec, so the app keeps it: applying the file again retries.
      if (spec !== undefined) app.spec = { ...previous, instances: app.units.length };
      throw error;
    } finally {
      if (spec !== undefined && app.isWanted()) await this.launcher.startTriggers(app);
    }
    app.closeUnusedOutputs();
    return outcome(app, 'reloaded', steps.join('; '));
  }

  // The app takes a new spec: what is read live (log settings, max_memory_restart, alerts) applies at once, the
  // triggers stop (the caller restarts them with the new keys), and the instances beyond its count stop.
  private async adopt(app: ManagedApp, spec: AppSpec, cause: 'user_restart' | 'reload'): Promise<void> {
    await this.launcher.quiesce(app, cause);
    app.spec = spec;
    await this.resize(app, Math.min(spec.instances, app.units.length));
  }

  /** Stops the instances beyond `count`, or creates (without starting) those missing; returns the created ones. */
  private async resize(app: ManagedApp, count: number): Promise<Unit[]> {
    const removed = app.units.splice(count);
    await Promise.all(removed.map((unit) => unit.stop('scale')));
    for (const unit of removed) app.releaseUnit(unit);
    const added = Array.from({ length: Math.max(count - app.units.length, 0) }, (_, offset) => app.createUnit(app.units.length + offset));
    app.units.push(...added);
    return added;
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

  async scale(name: string, requested: number | string): Promise<Outcome[]> {
    const app = this.apps.find((candidate) => candidate.name === name);
    if (app === undefined) throw new SvctlError('APP_NOT_FOUND', `no app named "${name}"`, { hint: 'svctl list shows the apps' });
    const before = app.units.length;
    const instances = scaleTarget(name, before, requested, os.availableParallelism());
    checkInstanceLimit(instancesAfterStart(this.apps, []) - before + instances);
    await this.rollout(app, 'scale', async () => {
      app.spec = { ...app.spec, instances: Math.max(instances, 0) };
      const added = await this.resize(app, instances);
      await Promise.all(added.map((unit) => unit.start('scale')));
    });
    return [withWarnings(outcome(app, 'scaled', `${before} → ${instances} instances`), app.spec)];
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

  /** apps.list's result as JSON text: the rows of list(), each row's text kept until the row changes. */
  listJson(): SerializedResult<ResultOf<typeof AppsList>> {
    // Concatenated, not joined: the text is copied once, when the socket writes it, not also here.
    let rows = '';
    for (const app of this.apps) {
      for (const unit of app.units) rows += (rows === '' ? '' : ',') + this.rowTexts.text(unit, row(app, unit, this.context.metrics));
    }
    return new SerializedResult(`{"instances":[${rows}]}`);
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
        log_files: describeLogFiles(app.logPaths(unit.instance)),
        history: unit.snapshot().history,
        checks: unit.snapshot().checks,
        samples: this.context.metrics?.samples(unit) ?? [],
      })),
    }));
  }

  /** The environment of one instance of each app the target names, as its process got it (`svctl env`). */
  async environment(target: string, cwd: string | undefined, instance: number, showSecrets: boolean): Promise<ResultOf<typeof AppsEnv>['instances']> {
    const apps = await resolveTarget(this.apps, target, cwd);
    return apps.map((app) => {
      const unit = app.units.find((candidate) => candidate.instance === instance);
      if (unit === undefined) throw new SvctlError('APP_NOT_FOUND', `${app.name} has no instance ${instance} (it has ${app.units.length})`, { hint: `svctl describe ${app.name} lists its instances` });
      return { id: app.id, app: app.name, instance, pid: unit.pid, env: showSecrets ? { ...unit.env } : maskSecrets(unit.env) };
    });
  }

  /** Every app with its spec, desired state and live pids (for the dump and the journal). */
  exportApps(): ExportedApp[] {
    return this.apps.map((app) => ({
      id: app.id,
      desired: app.desired,
      spec: app.spec,
      instances: app.units.map((unit) => ({ instance: unit.instance, pid: unit.pid })),
    }));
  }

  /** Registers saved apps, keeping their ids when free; those saved running are started. A name already registered is left alone. */
  async restore(saved: readonly SavedApp[], cause: Extract<RequestCause, 'resurrect' | 'daemon_recovery'>): Promise<Outcome[]> {
    // Instances that failed at once (spawn failures) are reported; no waiting through min_uptime here.
    const { apps } = await this.settled(false, async () => ({ apps: await Promise.all(saved.map((entry) => this.restoreOne(entry, cause))) }));
    return apps;
  }

  private async restoreOne(entry: SavedApp, cause: Extract<RequestCause, 'resurrect' | 'daemon_recovery'>): Promise<Outcome> {
    const existing = this.apps.find((app) => app.name === entry.spec.name);
    if (existing !== undefined) return outcome(existing, existing.isActive() ? 'already_running' : 'already_stopped', 'already registered; left as it is');
    const idFree = entry.id !== undefined && !this.apps.some((app) => app.id === entry.id);
    const id = idFree && entry.id !== undefined ? entry.id : this.nextId;
    this.nextId = Math.max(this.nextId, id + 1);
    const app = this.createApp(id, entry.spec);
    this.apps.push(app);
    if (entry.desired === 'stopped') return outcome(app, 'stopped', 'restored as stopped');
    return this.launch(app, 'started', cause);
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
    // The closures below keep the name, not the spec given: the app keeps its own (with shared environments).
    const name = spec.name;
    return new ManagedApp(id, spec, {
      os: this.context.os,
      logsDir: this.context.logsDir,
      logs: this.context.logs,
      onTransition: (event) => this.context.bus.publish(event),
      onHealthChange: () => this.launcher.notify(),
      onClusterProblem: (detail) => this.context.logger.warn({ app: name }, detail),
    });
  }

  private registerSpec(spec: AppSpec, ifRunning: IfRunning, update: EnvUpdate): FileEntry {
    const existing = this.apps.find((app) => app.name === spec.name);
    if (existing !== undefined && existing.isActive()) {
      // The shell's environment is taken with --update-env only (pm2's rule); the file's keys always.
      const next = update.update_env === true ? spec : { ...spec, base_env: existing.spec.base_env };
      if (ifRunning !== 'keep') return { kind: 'apply', app: existing, spec: next, mode: ifRunning };
      const changed = changedKeys(existing.spec, next);
      return { kind: 'kept', outcome: { ...outcome(existing, 'already_running', 'left as it is'), ...(changed.length === 0 ? {} : { changed }) } };
    }
    if (existing !== undefined) {
      void this.launcher.quiesce(existing, 'user_start');
      void existing.releaseAll();
      this.apps.splice(this.apps.indexOf(existing), 1);
    }
    const app = this.createApp(existing?.id ?? this.nextId++, spec);
    this.apps.push(app);
    return { kind: 'start', app, action: existing === undefined ? 'started' : 'updated_and_started' };
  }

  private async launch(app: ManagedApp, action: OutcomeAction, cause: RequestCause, dependencies: ReadonlyArray<Promise<Outcome>> = []): Promise<Outcome> {
    const waiting = await this.launcher.launch(app, () => startUnits(app, cause), dependencies);
    return outcome(app, action, waiting ?? undefined);
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
    return outcome(app, 'started', waiting ?? undefined);
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

function withWarnings(result: Outcome, spec: AppSpec): Outcome {
  const warnings = sharedPortWarnings(spec);
  return warnings.length === 0 ? result : { ...result, warnings };
}

function row(app: ManagedApp, unit: Unit, metrics: MetricsSource | undefined): InstanceRow {
  const snapshot = unit.state();
  const { cpu, memory } = metrics?.current(unit, snapshot.pid) ?? { cpu: null, memory: null };
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
    started_at: snapshot.started_at,
    exit_code: snapshot.exit_code,
    signal: snapshot.signal,
    reason: snapshot.reason,
    detail: snapshot.detail,
    health: snapshot.health,
    log_state: app.logState(unit.instance),
    cpu,
    memory,
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
  if (params.umask !== undefined) request.umask = params.umask;
  return request;
}

/** Reading again the app file a restart/reload target names, with the CLI's environment, --env and --only. */
function fileRequestOf(file: string, params: ParamsOf<typeof AppsRestart>): LoadRequest {
  const { env_name, only, umask } = params;
  return loadRequestOf({ cwd: params.cwd ?? path.dirname(file), env: params.env ?? {}, file, ...(env_name === undefined ? {} : { env_name }), ...(only === undefined ? {} : { only }), ...(umask === undefined ? {} : { umask }) });
}

