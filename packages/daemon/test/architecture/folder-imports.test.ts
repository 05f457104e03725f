// No import cycles between the daemon's folders (src/*/): a folder may not import, directly or through
// others, a folder that imports it. Type-only imports count too: they are dependencies all the same.
// Files at src/ itself (main.ts, daemon.ts) compose everything and are outside the rule; nothing may import them.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { findFolderCycles, folderImportGraph } from './folder-graph.js';

const SRC = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../src');

describe('daemon folders', () => {
  const graph = folderImportGraph(SRC);

  it('reads a graph that is not empty (the rule below cannot pass vacuously)', () => {
    assert.ok(graph.get('supervisor')?.has('lifecycle'), 'supervisor imports lifecycle');
    assert.ok(fs.readdirSync(SRC).filter((name) => graph.has(name)).length >= 10);
  });

  it('import no folder that imports them back', () => {
    const cycles = findFolderCycles(graph);
    assert.deepEqual(cycles.map((cycle) => cycle.description), [], `folder import cycles:\n${cycles.map((cycle) => cycle.description).join('\n')}`);
  });

  it('never import the composition files at src/ itself', () => {
    const upward = [...graph].flatMap(([from, edges]) => (edges.has('.') ? [`${from}: ${edges.get('.')?.join(', ')}`] : []));
    assert.deepEqual(upward, []);
  });

  it('finds a cycle when there is one (the checker itself)', () => {
    const fake = new Map([
      ['a', new Map([['b', ['a/x.ts']]])],
      ['b', new Map([['c', ['b/y.ts']]])],
      ['c', new Map([['a', ['c/z.ts']]])],
      ['d', new Map([['a', ['d/w.ts']]])],
    ]);
    assert.deepEqual(
      findFolderCycles(fake).map((cycle) => cycle.folders),
      [['a', 'b', 'c', 'a']],
    );
  });
});
