// Samples every running instance's process tree each monitor_interval, keeps the history, and
// asks the supervisor to restart an instance whose tree's RSS is over its max_memory_restart (cause `memory`).
// Runs on an unref'd timer, never on the request path: `list` and `describe` read the stored samples.
import { isRunning, type AppSpec } from '@svctl/protocol';
import type { Logger } from 'pino';
import type { Engine } from '../lifecycle/engine.js';
import type { Unit } from '../lifecycle/unit.js';
import type { MetricsStore } from './metrics-store.js';
import { TreeSampler } from './tree-sampler.js';

export interface MonitoredInstance {
  /** The app id. */
  id: number;
  /** Read only (status, pid; the key of the samples): commands go through the engine. */
  unit: Unit;
  spec: AppSpec;
}

export interface MonitorDeps {
  /** Every instance under supervision, read at each tick. */
  instances: () => Iterable<MonitoredInstance>;
  /** Memory restarts are requests to the supervisor. */
  engine: Engine;
  store: MetricsStore;
  logger: Logger;
  intervalMs: number;
  sampler?: TreeSampler;
  /** After each sampling pass (monitor.subscribe streams the new samples). */
  onSampled?: (at: string) => void;
}

export class Monitor {
  readonly #deps: MonitorDeps;
  readonly #sampler: TreeSampler;
  #timer: NodeJS.Timeout | undefined;
  #ticks = 0;
  #tickCpuMicros = 0;

  constructor(deps: MonitorDeps) {
    this.#deps = deps;
    this.#sampler = deps.sampler ?? new TreeSampler();
  }

  start(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(() => this.tick(), this.#deps.intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    if (this.#ticks > 0) {
      this.#deps.logger.debug({ ticks: this.#ticks, avg_tick_cpu_ms: this.#tickCpuMicros / this.#ticks / 1000 }, 'monitor stopped');
    }
  }

  /** One sampling pass (public for tests). Never throws: monitoring must not disturb supervision. */
  tick(): void {
    const cpuBefore = process.cpuUsage();
    try {
      this.#deps.onSampled?.(this.#sampleAll());
    } catch (error) {
      this.#deps.logger.error({ err: error }, 'monitor tick failed');
    }
    const used = process.cpuUsage(cpuBefore);
    this.#ticks += 1;
    this.#tickCpuMicros += used.user + used.system;
  }

  /** Returns the time of the pass. */
  #sampleAll(): string {
    const targets = new Map<number, MonitoredInstance>();
    for (const instance of this.#deps.instances()) {
      const { pid, status } = instance.unit;
      if (pid !== null && isRunning(status)) targets.set(pid, instance);
    }
    const samples = this.#sampler.sample(new Set(targets.keys()));
    const atMs = Date.now();
    for (const [pgid, group] of samples) {
      const instance = targets.get(pgid);
      if (instance === undefined) continue;
      this.#deps.store.record(instance.unit, { pgid, atMs, ...group });
      const limit = instance.spec.max_memory_restart;
      if (limit !== undefined && limit > 0 && group.memory > limit) this.#restartForMemory(instance, group.memory, limit);
    }
    return new Date(atMs).toISOString();
  }

  // One request per failure: once asked, the instance is stopping and later samples skip it.
  #restartForMemory({ id, unit, spec }: MonitoredInstance, memory: number, limit: number): void {
    if (unit.status !== 'online') return;
    this.#deps.logger.warn(
      { event: 'memory', app: spec.name, instance: unit.instance, rss: memory, max_memory_restart: limit },
      `${spec.name}[${unit.instance}] uses ${memory} bytes, over max_memory_restart ${limit}: restarting`,
    );
    this.#deps.engine
      .requestRestart({ app: id, instance: unit.instance, cause: 'memory', detail: `rss ${memory} bytes over max_memory_restart ${limit} bytes` })
      .catch((error: unknown) => this.#deps.logger.error({ err: error, app: spec.name, instance: unit.instance }, 'memory restart failed'));
  }
}
