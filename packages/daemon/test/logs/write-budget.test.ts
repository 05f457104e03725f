import assert from 'node:assert/strict';
import { it } from 'node:test';
import { WriteBudget } from '../../src/logs/write-budget.js';

it('lets captures go on while in-flight bytes are under the limit, and parks them past it', () => {
  const budget = new WriteBudget(100);
  const ran: string[] = [];
  budget.take(60);
  budget.whenBelow(() => ran.push('a'));
  assert.deepEqual(ran, ['a']);
  budget.take(60);
  budget.whenBelow(() => ran.push('b'));
  budget.whenBelow(() => ran.push('c'));
  assert.deepEqual(ran, ['a'], 'over the limit: waits');
  budget.give(10);
  assert.deepEqual(ran, ['a'], 'still over the limit');
  budget.give(30);
  assert.deepEqual(ran, ['a', 'b', 'c']);
  assert.equal(budget.used, 80);
});

it('wakes in order and stops waking once a woken capture has spent the budget again', () => {
  const budget = new WriteBudget(100);
  const ran: string[] = [];
  budget.take(100);
  budget.whenBelow(() => {
    ran.push('first');
    budget.take(50);
  });
  budget.whenBelow(() => ran.push('second'));
  budget.whenBelow(() => ran.push('third'));
  budget.give(50);
  assert.deepEqual(ran, ['first'], 'the first took the room back: the others still wait');
  budget.give(1);
  assert.deepEqual(ran, ['first', 'second', 'third']);
});
