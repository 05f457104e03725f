import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PartialBudget } from '../../src/rpc/partial-budget.js';
import { UnreadTotal } from '../../src/rpc/unread-total.js';

describe('PartialBudget', () => {
  it('refuses the bytes that would pass its total, holding nothing of them, and takes again once bytes are given back', () => {
    const budget = new PartialBudget(100);
    assert.equal(budget.take(60), true);
    assert.equal(budget.take(41), false, 'past the total');
    assert.equal(budget.take(40), true, 'the refused bytes were not held');
    assert.equal(budget.take(1), false);
    budget.give(60);
    assert.equal(budget.take(60), true);
  });
});

describe('UnreadTotal', () => {
  it('is over once the clients it counts together hold more than its total, and forgets a client that closed', () => {
    const total = new UnreadTotal(100);
    let socketClient = 60;
    const forgetSocket = total.add(() => socketClient);
    total.add(() => 40);
    assert.equal(total.over(), false, 'exactly the total is not over it');
    socketClient = 61;
    assert.equal(total.over(), true);
    forgetSocket();
    assert.equal(total.over(), false);
  });
});
