import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CRASH_WINDOW_MS, CrashBudget, MAX_CRASHES } from '../../../client/src/crashBudget';

describe('CrashBudget', () => {
  it('restarts, tells the user of the first restart only, and gives up at the 5th crash within 3 minutes', () => {
    const budget = new CrashBudget();
    const verdicts = Array.from({ length: MAX_CRASHES }, (_, i) => budget.crashed(i * 1000));
    assert.deepEqual(
      verdicts.map((v) => [v.restart, v.tell]),
      [[true, 'restarted'], [true, undefined], [true, undefined], [true, undefined], [false, 'gave-up']],
    );
  });

  it('keeps restarting a server whose crashes are further apart than the window', () => {
    const budget = new CrashBudget();
    for (let i = 0; i < 20; i++) assert.equal(budget.crashed(i * (CRASH_WINDOW_MS / 4 + 1)).restart, true, `crash ${i + 1}`);
  });

  it('counts only the crashes of the last 3 minutes', () => {
    const budget = new CrashBudget();
    for (const at of [0, 1, 2, 3]) budget.crashed(at);
    // the first crash left the window: 4 in the window, not 5
    assert.equal(budget.crashed(CRASH_WINDOW_MS).restart, true);
    assert.deepEqual(budget.crashed(CRASH_WINDOW_MS), { restart: false, tell: 'gave-up', crashes: 5 });
  });
});
