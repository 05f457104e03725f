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
import { buildAdHocApp, loadAppFile } from '../apps/index.js';
import type { Unit } from '../lifecycle/unit.js';
import type { OsSeam } from '../os/seam.js';
import { toSignal } from '../os/signals.js';
import type { EventBus } from './event-bus.js';
import { ManagedApp } from './managed-app.js';
import { maskSecrets } from './secrets.js';
import { quoteArgv } from './shell-quote.js';
import { resolveTarget } from './targets.js';
import { toUnitSpec } from './unit-spec.js';

type Outcome = AppOutcome;
type OutcomeAction = AppOutcome['action'];

export interface SupervisorContext {
  os: OsSeam;
  logsDir: string;
  logger: Logger;
  bus: EventBus;
}

export interface EnvUpdate {
  update_env?: boolean;
  env?: Record<string, string>;
}

export class Supervisor {
  private readonly apps: ManagedApp[] = [];
  private nextId = 0;

  constructor(private readonly context: SupervisorContext) {}

  async start(params: ParamsOf<typeof AppsStart>): Promise<ResultOf<typeof AppsStart>> {
    if (params.target !== undefined) {
      const apps = await resolveTarget(this.apps, params.target, params.cwd);
      return { file: null, apps: await Promise.all(apps.map((app) => this.startExisting(app))), warnings: [] };
    }
    const loaded =
      params.adhoc !== undefined
        ? buildAdHocApp({ ...params.adhoc, args: params.adhoc.args, cwd: params.cwd, env: params.env })
        : await loadAppFile({
            ...(params.file === undefined ? {} : { file: params.file }),
            cwd: params.cwd,
            env: params.env,
            ...(params.env_name === undefined ? {} : { envName: params.env_name }),
            ...(params.only === undefined ? {} : { only: params.only }),
            ...(params.ignore_unknown === undefined ? {} : { ignoreUnknown: params.ignore_unknown }),
          });
    const outcomes = await Promise.all(loaded.apps.map((spec) => this.startSpec(spec)));
    return { file: params.adhoc === undefined ? loaded.file : null, apps: outcomes, warnings: loaded.warnings };
  }

  async stop(target: string, cwd?: string): Promise<Outcome[]> {
    const apps = await resolveTarget(this.apps, target, cwd);
    return Promise.all(
      apps.map(async (app) => {
        const wasActive = app.isActive();
        await Promise.all(app.units.map((unit) => unit.stop()));
        return outcome(app, wasActive ? 'stopped' : 'already_stopped');
      }),
    );
  }

  async restart(target: string, cwd: string | undefined, update: EnvUpdate): Promise<Outcome[]> {
    const apps = await resolveTarget(this.apps, target, cwd);
    return Promise.all(
      apps.map(async (app) => {
        this.applyEnvUpdate(app, update);
        await Promise.all(app.units.map((unit) => unit.restart(toUnitSpec(app.spec, unit.instance))));
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
      for (const [index, old] of [...app.units].entries()) {
        const fresh = app.createUnit(old.instance);
        await fresh.start();
        if (fresh.status !== 'online') {
          // The new instance failed: keep the old one serving and say so.
          await fresh.stop();
          app.releaseUnit(fresh);
          throw new SvctlError('SPAWN_FAILED', `reload of ${app.name}[${old.instance}] failed: ${fresh.snapshot().last_reason}; the old instance keeps running`);
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
    return Promise.all(
      apps.map(async (app) => {
        await Promise.all(app.units.map((unit) => unit.stop()));
        app.releaseAll();
        this.apps.splice(this.apps.indexOf(app), 1);
        return outcome(app, 'deleted');
      }),
    );
  }

  async scale(name: string, instances: number): Promise<Outcome[]> {
    const app = this.apps.find((candidate) => candidate.name === name);
    if (app === undefined) throw new SvctlError('APP_NOT_FOUND', `no app named "${name}"`, { hint: 'svctl list shows the apps' });
    const before = app.units.length;
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

  list(): InstanceRow[] {
    return this.apps.flatMap((app) => app.units.map((unit) => row(app, unit)));
  }

  async describe(target: string, cwd: string | undefined, showEnv: boolean): Promise<AppDescription[]> {
    const apps = await resolveTarget(this.apps, target, cwd);
    return apps.map((app) => ({
      id: app.id,
      name: app.name,
      namespace: app.spec.namespace,
      spec: showEnv ? app.spec : { ...app.spec, env: maskSecrets(app.spec.env), base_env: maskSecrets(app.spec.base_env) },
      command_line: quoteArgv(app.spec.command),
      log_files: app.logPaths(0),
      instances: app.units.map((unit) => ({ ...row(app, unit), history: unit.snapshot().history })),
    }));
  }

  /** At daemon shutdown: every instance stopped gracefully, in parallel. */
  async stopAll(): Promise<void> {
    await Promise.all(this.apps.flatMap((app) => app.units.map((unit) => unit.stop())));
    for (const app of this.apps) app.releaseAll();
  }

  private async startSpec(spec: AppSpec): Promise<Outcome> {
    const existing = this.apps.find((app) => app.name === spec.name);
    if (existing !== undefined && existing.isActive()) return outcome(existing, 'already_running', 'left as it is');
    if (existing !== undefined) {
      existing.releaseAll();
      this.apps.splice(this.apps.indexOf(existing), 1);
    }
    const app = new ManagedApp(existing?.id ?? this.nextId++, spec, {
      os: this.context.os,
      logsDir: this.context.logsDir,
      onTransition: (event) => this.context.bus.publish(event),
    });
    this.apps.push(app);
    await Promise.all(app.units.map((unit) => unit.start()));
    return withFailures(app, existing === undefined ? 'started' : 'updated_and_started');
  }

  private async startExisting(app: ManagedApp): Promise<Outcome> {
    if (app.isActive()) return outcome(app, 'already_running', 'left as it is');
    await Promise.all(app.units.map((unit) => unit.restart(toUnitSpec(app.spec, unit.instance))));
    return withFailures(app, 'started');
  }

  private applyEnvUpdate(app: ManagedApp, update: EnvUpdate): void {
    if (update.update_env === true && update.env !== undefined) app.spec = { ...app.spec, base_env: update.env };
  }
}

function outcome(app: ManagedApp, action: OutcomeAction, detail?: string): Outcome {
  return { name: app.name, id: app.id, action, ...(detail === undefined ? {} : { detail }) };
}

// An instance that ended errored right away (e.g. spawn failure) makes the verb report a failure.
function withFailures(app: ManagedApp, action: OutcomeAction): Outcome {
  const errored = app.units.filter((unit) => unit.status === 'errored');
  if (errored.length === 0) return outcome(app, action);
  const reasons = [...new Set(errored.map((unit) => unit.snapshot().last_reason))].join('; ');
  return { ...outcome(app, action, `${errored.length} instance(s) errored: ${reasons}`), failed: true };
}

function row(app: ManagedApp, unit: Unit): InstanceRow {
  const snapshot = unit.snapshot();
  return {
    id: app.id,
    name: app.name,
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
    cpu: null,
    memory: null,
  };
}

export function logsDirOf(home: string): string {
  return path.join(home, 'logs');
}
