import assert from 'node:assert/strict';
import { it } from 'node:test';
import { SvctlError } from '@svctl/protocol';
import { scaleTarget } from '../../src/supervisor/scale-target.js';

it("pm2's scale forms: N, +N, -N and max", () => {
  const rows: Array<[number, number | string, number]> = [
    [2, 5, 5],
    [2, '+2', 4],
    [4, '-1', 3],
    [3, '-3', 0],
    [3, 'max', 8],
    [3, 0, 0],
  ];
  for (const [current, requested, expected] of rows) assert.equal(scaleTarget('api', current, requested, 8), expected, `${current} ${requested}`);
});

it('removing more instances than there are is a usage error naming both numbers', () => {
  assert.throws(() => scaleTarget('api', 2, '-3', 8), (error: unknown) => error instanceof SvctlError && error.code === 'USAGE' && error.message === 'api has 2 instance(s): cannot remove 3');
});
