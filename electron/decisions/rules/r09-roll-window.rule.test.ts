import { describe, expect, it } from 'vitest';
import type { FixtureLeg } from '../testing/decision-fixtures.ts';
import { evaluateOn, fixtureNow, FIXTURE_ROLL_EXPIRY } from '../testing/decision-fixtures.ts';
import { r09RollWindow } from './r09-roll-window.rule.ts';

// A bull call debit spread: long 500 call, short 520 call.
const bullCall: FixtureLeg[] = [
  { role: 'long_call', strike: 500, mid: 8, greeks: { delta: 0.5, gamma: 0.01, theta: -0.05, vega: 0.2, rho: 0 } },
  { role: 'short_call', strike: 520, mid: 2, greeks: { delta: 0.25, gamma: 0.01, theta: -0.05, vega: 0.2, rho: 0 } },
];

// The target is 50 % of the $150 max profit: 0.75 to close.
describe('R09 roll window (inclusive: ≤ 21 days; strict: profit < target)', () => {
  it('when exactly 21 days are left below the target, then it fires ROLL of every leg to the next monthly at the same strikes, limit at mid', () => {
    const evaluation = evaluateOn(r09RollWindow, { daysToExpiry: 21 });
    expect(evaluation).toMatchObject({ fired: true, action: 'ROLL', urgency: 'LIMIT_AT_MID' });
    expect(evaluation.rollTarget).toEqual({ side: 'all', expiry: FIXTURE_ROLL_EXPIRY, targetDelta: undefined, description: `roll every leg to ${FIXTURE_ROLL_EXPIRY} at the same strikes for a net credit` });
    expect(evaluation.inputs).toEqual({ daysToExpiry: 21, pnlFractionOfMaxProfit: 0, rollSide: 'all', rollExpiry: FIXTURE_ROLL_EXPIRY, estimatedRollCredit: null });
  });

  it('when 20 days are left, then it fires; at 22 days, it does not', () => {
    expect(evaluateOn(r09RollWindow, { daysToExpiry: 20 }).fired).toBe(true);
    expect(evaluateOn(r09RollWindow, { daysToExpiry: 22 })).toMatchObject({ fired: false, reason: 'more than 21 days to expiry' });
  });

  it('when the profit is exactly at the target, then it does not fire; a cent a share below it, it fires', () => {
    expect(evaluateOn(r09RollWindow, { daysToExpiry: 15, closePerShare: 0.75 })).toMatchObject({ fired: false, reason: 'profit at or above 50% of max profit' });
    expect(evaluateOn(r09RollWindow, { daysToExpiry: 15, closePerShare: 0.76 }).fired).toBe(true);
  });

  it('when max profit is unknown, then the profit counts as below the target', () => {
    expect(evaluateOn(r09RollWindow, { daysToExpiry: 15, closePerShare: 0.1, maxProfitPerUnit: null }).fired).toBe(true);
  });

  it('when the same-strike roll is estimated at a debit or no monthly is listed, then it closes at the mid', () => {
    expect(evaluateOn(r09RollWindow, { daysToExpiry: 15, overrides: { rollEstimate: { sameStrikes: -0.02 } } })).toMatchObject({ action: 'CLOSE', urgency: 'LIMIT_AT_MID', rollTarget: undefined });
    expect(evaluateOn(r09RollWindow, { daysToExpiry: 15, overrides: { rollEstimate: { sameStrikes: 0.4 } } })).toMatchObject({ action: 'ROLL', inputs: { estimatedRollCredit: 0.4 } });
    expect(evaluateOn(r09RollWindow, { daysToExpiry: 15, overrides: { calendar: fixtureNow(15) } })).toMatchObject({ action: 'CLOSE' });
  });

  it('when the position is a debit spread, then it does not fire: the rule defends premium sellers only', () => {
    expect(evaluateOn(r09RollWindow, { type: 'BULL_CALL', legs: bullCall, entryNetPerShare: 6, daysToExpiry: 15 })).toMatchObject({ fired: false, inputs: { isCredit: false }, reason: expect.stringContaining('debit position') });
  });
});
