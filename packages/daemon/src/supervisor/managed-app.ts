// One app under supervision: its resolved spec and one Unit per instance.
import type { AppSpec, LogState, TransitionEvent } from '@svctl/protocol';
import { isActive, isResting, isRunning } from '@svctl/protocol';
import { ClusterHost } from '../cluster/cluster-host.js';
import { primaryConfigOf, primaryEntry } from '../cluster/primary-config.js';
import { Unit, type OutputStreams } from '../lifecycle/unit.js';
import { HeldSockets } from '../sockets/held-sockets.js';
import { parseListenAddress } from '../apps/listen-address.js';
import type { LogService } from '../logs/log-service.js';
import { logPaths, OutputFiles, type LogPaths } from '../logs/output-files.js';
import type { OsSeam } from '../os/seam.js';
import { hasChecks, InstanceChecks } from '../health/instance-checks.js';
import { desiredOf, nextAppPhase, type AppEvent, type AppPhase, type DesiredState } from './app-machine.js';
import { withSharedEnv } from './shared-env.js';
import { checksChanged } from './spec-changes.js';
import { instanceEnv, toUnitSpec } from './unit-spec.js';

export interface AppContext {
  os: OsSeam;
  logsDir: string;
  /** Log capture, rotation, rings and followers. */
  logs: LogService;
  onTransition: (event: TransitionEvent) => void;
  /** Called when an instance's health (readiness/liveness) may have changed. */
  onHealthChange?: () => void;
  /** A cluster primary went wrong (for the daemon log). */
  onClusterProblem?: (detail: string) => void;
}

export class ManagedApp {
  readonly units: Unit[] = [];
  /** The app's cluster primary, in cluster mode. */
  readonly cluster: ClusterHost | null;
  /** The sockets the daemon holds for the app (`listen`). */
  readonly sockets: HeldSockets | null;
  readonly #os: OsSeam;
  #spec: AppSpec;
  #phase: AppPhase = 'stopped';
  /** Keyed by file paths, so instances that share files (merge_logs) share one writer. */
  private readonly outputs = new Map<string, OutputFiles>();
  /** The output each unit's current run writes: during a reload two units of one instance write, and paths move when scaling across one instance. */
  private readonly openedBy = new Map<Unit, string>();

  constructor(
    readonly id: number,
    spec: AppSpec,
    private readonly context: AppContext,
  ) {
    this.#spec = withSharedEnv(spec);
    this.cluster =
      spec.exec_mode === 'cluster'
        ? new ClusterHost({ os: context.os, config: primaryConfigOf(spec), entry: primaryEntry(), onProblem: (detail) => context.onClusterProblem?.(detail) })
        : null;
    this.sockets = spec.listen === undefined ? null : new HeldSockets(context.os, spec.listen.flatMap((address) => {
      const parsed = parseListenAddress(address, spec.cwd);
      return 'error' in parsed ? [] : [parsed];
    }));
    this.#os = this.cluster?.seam() ?? this.sockets?.seam(context.os) ?? context.os;
    for (let instance = 0; instance < spec.instances; instance++) this.units.push(this.createUnit(instance));
  }

  get spec(): AppSpec {
    return this.#spec;
  }

  /** Environments equal to another app's are kept once (shared-env.ts). */
  set spec(spec: AppSpec) {
    this.#spec = withSharedEnv(spec);
  }

  get name(): string {
    return this.spec.name;
  }

  /** Wanted or not, waiting for dependencies, reloading, scaling: changed only through the app machine. */
  get phase(): AppPhase {
    return this.#phase;
  }

  get desired(): DesiredState {
    return desiredOf(this.#phase);
  }

  isWanted(): boolean {
    return this.desired === 'running';
  }

  apply(event: AppEvent): void {
    this.#phase = nextAppPhase(this.#phase, event);
  }

  /** True while any instance is alive or waiting to restart. */
  isActive(): boolean {
    return this.units.some((unit) => isActive(unit.status) || isRunning(unit.status));
  }

  logPaths(instance: number) {
    return logPaths(this.context.logsDir, this.spec, instance);
  }

  createUnit(instance: number): Unit {
    const unit: Unit = new Unit(toUnitSpec(this.spec, instance), instance, {
      // A cluster worker is forked by the app's primary; everything else about it is the same.
      os: this.#os,
      onTransition: this.context.onTransition,
      ...(hasChecks(this.spec) ? { checks: this.checksFor(instance) } : {}),
      openOutput: (index) => this.openOutput(unit, index),
    });
    return unit;
  }

  /** The readiness/liveness checks a new run of `instance` needs under the current spec; null without any. */
  checksOf(instance: number): InstanceChecks | null {
    return hasChecks(this.spec) ? this.checksFor(instance) : null;
  }

  private checksFor(instance: number): InstanceChecks {
    return new InstanceChecks({
      spec: this.spec,
      context: { cwd: this.spec.cwd, env: instanceEnv(this.spec, instance) },
      os: this.context.os,
      onChange: () => this.context.onHealthChange?.(),
    });
  }

  /**
   * Whether `spec` can be taken in place now: not when an instance is errored (applying the file starts it again,
   * as before), nor when the checks change under an instance that is starting.
   */
  canUpdate(spec: AppSpec): boolean {
    if (this.units.some((unit) => unit.status === 'errored')) return false;
    return !checksChanged(this.spec, spec) || this.units.every((unit) => unit.status !== 'starting');
  }

  /**
   * Takes a spec whose changes are all live (spec-changes.ts) without new processes: each instance gets its unit
   * spec, new checks when they changed, and its output piped into the files the spec now names when they moved;
   * the open log files take the new rotation settings. The caller sees to instances and triggers.
   */
  updateInPlace(spec: AppSpec): void {
    const replaceChecks = checksChanged(this.spec, spec);
    this.spec = spec;
    for (const unit of this.units) {
      const opened = this.openedBy.get(unit);
      unit.update(toUnitSpec(spec, unit.instance), {
        ...(replaceChecks ? { checks: this.checksOf(unit.instance) } : {}),
        reopenOutput: opened !== undefined && opened !== outputKey(this.logPaths(unit.instance)),
      });
    }
    for (const output of this.outputs.values()) output.reconfigure();
    this.closeUnusedOutputs();
  }

  /** Releases an instance: no more restarts; its files are closed once no instance writes them. */
  releaseUnit(unit: Unit): void {
    unit.dispose();
    this.openedBy.delete(unit);
    this.closeUnusedOutputs();
  }

  /** Releases every instance; resolves once the last lines of their pipes are written and the files closed. */
  async releaseAll(): Promise<void> {
    for (const unit of this.units) unit.dispose();
    const closing = [...this.outputs.values()].map((output) => output.close());
    this.outputs.clear();
    this.openedBy.clear();
    await Promise.all([...closing, this.cluster?.close(), this.sockets?.close()]);
  }

  /** The condition of an instance's log files (ok until it first writes). */
  logState(instance: number): LogState {
    const unit = this.units.find((candidate) => candidate.instance === instance);
    const key = (unit === undefined ? undefined : this.openedBy.get(unit)) ?? outputKey(this.logPaths(instance));
    return this.outputs.get(key)?.logState() ?? { status: 'ok', dropped_lines: 0 };
  }

  /** At each spawn: the instance's files as the spec names them now; files no run writes any more are closed. */
  private openOutput(unit: Unit, instance: number): OutputStreams {
    const paths = this.logPaths(instance);
    const key = outputKey(paths);
    let output = this.outputs.get(key);
    if (output === undefined) {
      output = new OutputFiles(paths, { logs: this.context.logs, spec: () => this.spec });
      this.outputs.set(key, output);
    }
    this.openedBy.set(unit, key);
    this.closeUnusedOutputs();
    return output.open(instance);
  }

  /** Closes the files no instance writes any more (released instances, log paths the spec no longer has). */
  closeUnusedOutputs(): void {
    // A unit replaced by a reload (no longer among the app's units) and at rest writes nothing more.
    for (const unit of this.openedBy.keys()) if (!this.units.includes(unit) && isResting(unit.status)) this.openedBy.delete(unit);
    const used = new Set(this.openedBy.values());
    for (const [key, output] of this.outputs) {
      if (used.has(key)) continue;
      void output.close();
      this.outputs.delete(key);
    }
  }
}

function outputKey(paths: LogPaths): string {
  return `${paths.out}\0${paths.err}\0${paths.combined ?? ''}`;
}
