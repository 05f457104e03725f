// The folder-level import graph of the daemon's sources, and the cycles in it.
import fs from 'node:fs';
import path from 'node:path';

/** from folder → to folder → the files of `from` that import `to`. The folder of files at the root is '.'. */
export type FolderGraph = Map<string, Map<string, string[]>>;

// Static imports and re-exports (`import ... from`, `export ... from`, `import '...'`) and dynamic `import('...')`.
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

export function folderImportGraph(src: string): FolderGraph {
  const graph: FolderGraph = new Map();
  for (const file of listSources(src)) {
    const from = folderOf(src, file);
    const edges = graph.get(from) ?? new Map<string, string[]>();
    graph.set(from, edges);
    for (const match of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = path.resolve(path.dirname(file), match[1] ?? '');
      if (!target.startsWith(`${src}${path.sep}`)) continue;
      const to = folderOf(src, target);
      if (to === from) continue;
      const files = edges.get(to) ?? [];
      const relative = path.relative(src, file);
      if (!files.includes(relative)) files.push(relative);
      edges.set(to, files);
    }
  }
  return graph;
}

function folderOf(src: string, file: string): string {
  const parts = path.relative(src, file).split(path.sep);
  return parts.length === 1 ? '.' : (parts[0] ?? '.');
}

function listSources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listSources(full);
    return /\.[cm]?ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

export interface FolderCycle {
  /** Closed: the first folder again at the end. */
  folders: string[];
  /** `a -> b (a/x.ts) -> a (b/y.ts)`. */
  description: string;
}

/** One cycle per strongly connected group of folders (Tarjan), each shown as a path through the group. */
export function findFolderCycles(graph: FolderGraph): FolderCycle[] {
  const cycles: FolderCycle[] = [];
  for (const group of stronglyConnected(graph)) {
    if (group.length < 2) continue;
    const members = new Set(group);
    const folders = cycleWithin(graph, members, [...members].sort()[0] ?? '');
    const steps = folders.slice(1).map((to, index) => {
      const from = folders[index] ?? '';
      return `${to} (${graph.get(from)?.get(to)?.join(', ') ?? ''})`;
    });
    cycles.push({ folders, description: `${[...members].sort().join(', ')}, e.g. ${[folders[0], ...steps].join(' -> ')}` });
  }
  return cycles;
}

function stronglyConnected(graph: FolderGraph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node)?.keys() ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(to) ?? 0));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(to) ?? 0));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    groups.push(group);
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return groups;
}

/** A shortest path from start back to start inside the group (breadth first). */
function cycleWithin(graph: FolderGraph, members: ReadonlySet<string>, start: string): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift() ?? '';
    for (const to of [...(graph.get(node)?.keys() ?? [])].sort()) {
      if (!members.has(to)) continue;
      if (to === start) {
        const between: string[] = [];
        for (let at: string | undefined = node; at !== undefined && at !== start; at = previous.get(at)) between.unshift(at);
        return [start, ...between, start];
      }
      if (!previous.has(to)) {
        previous.set(to, node);
        queue.push(to);
      }
    }
  }
  return [start, start];
}
