import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findDependencyCycle, formatCycle } from '../../src/apps/dependency-graph.js';
import { DependencyGate } from '../../src/supervisor/dependencies.js';

const graph = (edges: Record<string, string[]>) => new Map(Object.entries(edges));

describe('findDependencyCycle', () => {
  test('no cycle in a diamond, and edges to unknown names are ignored', () => {
    assert.equal(findDependencyCycle(graph({ web: ['api', 'cache'], api: ['db'], cache: ['db'], db: ['elsewhere'] })), null);
  });

  test('names the cycle from where it closes', () => {
    assert.deepEqual(findDependencyCycle(graph({ a: ['b'], b: ['a'] })), ['a', 'b', 'a']);
    assert.deepEqual(findDependencyCycle(graph({ web: ['api'], api: ['db'], db: ['api'] })), ['api', 'db', 'api']);
    assert.deepEqual(findDependencyCycle(graph({ self: ['self'] })), ['self', 'self']);
    assert.equal(formatCycle(['a', 'b', 'a']), 'depends_on cycle: a → b → a');
  });
});

describe('DependencyGate', () => {
  test('resolves true once the condition holds after a notify, false when aborted', async () => {
    const gate = new DependencyGate();
    let ready = false;
    const met = gate.until(() => ready, new AbortController().signal);
    gate.notify();
    ready = true;
    gate.notify();
    assert.equal(await met, true);
    const controller = new AbortController();
    const never = gate.until(() => false, controller.signal);
    controller.abort();
    assert.equal(await never, false);
  });
});
