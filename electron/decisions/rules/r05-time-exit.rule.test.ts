import { describe, expect, it } from 'vitest';
import { evaluateOn } from '../testing/decision-fixtures.ts';
import { r05TimeExit } from './r05-time-exit.rule.ts';

describe('R05 time exit (inclusive: ≤ 3 days to expiry)', () => {
  it('when exactly 3 days are left, then it fires CLOSE with a walking limit', () => {
    expect(evaluateOn(r05TimeExit, { daysToExpiry: 3 })).toEqual({
      ruleId: 'R05', name: 'Time exit', fired: true, action: 'CLOSE', urgency: 'WALKING_LIMIT', inputs: { daysToExpiry: 3 },
      threshold: 'days to expiry ≤ 3', reason: '3 day(s) to expiry (exit at 3): close', reduceQuantity: undefined, rollTarget: undefined,
    });
  });

  it('when 2 days are left, then it fires; when 4 are left, it does not', () => {
    expect(evaluateOn(r05TimeExit, { daysToExpiry: 2 }).fired).toBe(true);
    expect(evaluateOn(r05TimeExit, { daysToExpiry: 4 })).toMatchObject({ fired: false, reason: 'more than 3 days to expiry' });
  });

  it('when the exit is configured at 0 days, then only expiry day fires', () => {
    expect(evaluateOn(r05TimeExit, { daysToExpiry: 0 }, { timeExitDays: 0 }).fired).toBe(true);
    expect(evaluateOn(r05TimeExit, { daysToExpiry: 1 }, { timeExitDays: 0 }).fired).toBe(false);
  });
});
