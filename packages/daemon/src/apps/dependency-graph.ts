// The depends_on graph of app specs, and its cycles: checked when an app file is loaded, and again by
// the supervisor against the apps it already runs.
import type { AppSpec } from '@svctl/protocol';

/** The first cycle found, closed (`['a', 'b', 'a']`), or null. Edges to names outside the graph are ignored. */
export function findDependencyCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | null {
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (name: string): string[] | null => {
    const index = path.indexOf(name);
    if (index !== -1) return [...path.slice(index), name];
    if (done.has(name) || !graph.has(name)) return null;
    path.push(name);
    for (const next of graph.get(name) ?? []) {
      const cycle = visit(next);
      if (cycle !== null) return cycle;
    }
    path.pop();
    done.add(name);
    return null;
  };
  for (const name of graph.keys()) {
    const cycle = visit(name);
    if (cycle !== null) return cycle;
  }
  return null;
}

export function formatCycle(cycle: readonly string[]): string {
  return `depends_on cycle: ${cycle.join(' → ')}`;
}

export function dependencyGraph(specs: Iterable<Pick<AppSpec, 'name' | 'depends_on'>>): Map<string, string[]> {
  return new Map([...specs].map((spec) => [spec.name, Object.keys(spec.depends_on ?? {})]));
}
