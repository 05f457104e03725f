import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveInstances } from '../../src/apps/resolve-instances.js';

test('instances on a 4-CPU machine', () => {
  const cases: Array<[number | string | undefined, number]> = [[undefined, 1], [1, 1], [3, 3], [' 2 ', 2], ['max', 4], [0, 4], ['0', 4], [-1, 3], ['-1', 3], [-10, 1]];
  for (const [value, expected] of cases) assert.equal(resolveInstances(value, 4), expected, `instances ${JSON.stringify(value)}`);
});
