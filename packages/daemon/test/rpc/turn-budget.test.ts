import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TurnBudget } from '../../src/rpc/turn-budget.js';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('TurnBudget', () => {
  it('lets at most its budget of requests start in one turn; waiting clients resume in order at the next, with a full budget', async () => {
    const budget = new TurnBudget(3);
    budget.spend(1);
    budget.spend(2);
    assert.equal(budget.available(), false);
    const resumed: string[] = [];
    budget.waitTurn(() => resumed.push(`a:${budget.available()}`));
    budget.waitTurn(() => resumed.push(`b:${budget.available()}`));
    assert.deepEqual(resumed, [], 'nobody resumes in the turn that used the budget');
    await nextTurn();
    assert.deepEqual(resumed, ['a:true', 'b:true']);
    assert.equal(budget.available(), true);
  });

  it('counts a batch as all its requests, and asking twice resumes a client once', async () => {
    const budget = new TurnBudget(8);
    budget.spend(10);
    assert.equal(budget.available(), false);
    let resumes = 0;
    const resume = () => resumes++;
    budget.waitTurn(resume);
    budget.waitTurn(resume);
    await nextTurn();
    assert.equal(resumes, 1);
    assert.equal(budget.available(), true);
  });
});
