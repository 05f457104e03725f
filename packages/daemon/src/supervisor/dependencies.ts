// depends_on at run time: the graph checks (unknown names, cycles) against the registered apps, the
// conditions a dependency must meet, a gate that wakes waiting dependents when anything changes, and
// stopping dependents before what they depend on.
import { SvctlError, type AppSpec, type DependencyCondition } from '@svctl/protocol';
import { dependencyGraph, findDependencyCycle, formatCycle } from '../apps/dependency-graph.js';
import type { ManagedApp } from './managed-app.js';

/** Before starting `specs`: every dependency is in the request or registered, and the whole graph has no cycle. */
export function checkDependencies(specs: readonly AppSpec[], registered: readonly ManagedApp[]): void {
  const names = new Set([...specs.map((spec) => spec.name), ...registered.map((app) => app.name)]);
  const problems: string[] = [];
  for (const spec of specs) {
    for (const dependency of Object.keys(spec.depends_on ?? {})) {
      if (!names.has(dependency)) problems.push(`app "${spec.name}": depends_on "${dependency}", which is neither in this start request nor registered`);
    }
  }
  const requested = new Set(specs.map((spec) => spec.name));
  const cycle = findDependencyCycle(dependencyGraph([...registered.filter((app) => !requested.has(app.name)).map((app) => app.spec), ...specs]));
  if (cycle !== null) problems.push(formatCycle(cycle));
  if (problems.length > 0) throw new SvctlError('APP_FILE_INVALID', problems.join('\n'), { hint: 'depends_on names apps by name; fix or start the missing apps' });
}

/** Whether `app` meets `condition` now. healthy: every instance online (and so ready) and no check failing. */
export function meetsCondition(app: ManagedApp, condition: DependencyCondition): boolean {
  if (app.units.length === 0) return false;
  return app.units.every((unit) => {
    const snapshot = unit.snapshot();
    switch (condition) {
      case 'started':
        return snapshot.status === 'online';
      case 'healthy':
        return snapshot.status === 'online' && snapshot.health !== 'not_ready' && snapshot.health !== 'unhealthy';
      case 'completed':
        return snapshot.status === 'stopped' && (snapshot.exit_code !== null || snapshot.signal !== null);
    }
  });
}

/** The dependencies of `app` not met yet, for humans: `db to be healthy (db is starting)`. */
export function unmetDependencies(app: ManagedApp, lookup: (name: string) => ManagedApp | undefined): string[] {
  return Object.entries(app.spec.depends_on ?? {}).flatMap(([name, condition]) => {
    const dependency = lookup(name);
    if (dependency !== undefined && meetsCondition(dependency, condition)) return [];
    const now = dependency === undefined ? 'not registered' : (dependency.units[0]?.status ?? 'without instances');
    return [`${name} to be ${condition === 'started' ? 'online' : condition} (${name} is ${now})`];
  });
}

/** Wakes waiting checks whenever something changed (a transition, a health change). */
export class DependencyGate {
  readonly #waiters = new Set<() => void>();

  notify(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }

  /** Resolves true once `met()` holds, false when `signal` aborts first. */
  until(met: () => boolean, signal: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      const finish = (value: boolean) => {
        this.#waiters.delete(check);
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      };
      const check = () => {
        if (met()) finish(true);
      };
      const onAbort = () => finish(false);
      if (signal.aborted) return resolve(false);
      if (met()) return resolve(true);
      this.#waiters.add(check);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/** Runs `stopOne` for every app, each only after its dependents among `apps` are done; results in input order. */
export function stopDependentsFirst<T>(apps: readonly ManagedApp[], stopOne: (app: ManagedApp) => Promise<T>): Promise<T[]> {
  const stops = new Map<ManagedApp, Promise<T>>();
  const stopAfterDependents = (app: ManagedApp, seen: ReadonlySet<ManagedApp>): Promise<T> => {
    const existing = stops.get(app);
    if (existing !== undefined) return existing;
    const dependents = apps.filter((other) => other !== app && !seen.has(other) && other.spec.depends_on?.[app.name] !== undefined);
    const next = new Set([...seen, app]);
    const stop = Promise.all(dependents.map((dependent) => stopAfterDependents(dependent, next).catch(() => undefined))).then(() => stopOne(app));
    stops.set(app, stop);
    return stop;
  };
  return Promise.all(apps.map((app) => stopAfterDependents(app, new Set())));
}
