import { describe, expect, it } from 'vitest';
import type { Greeks } from '../../../shared/domain/greeks.ts';
import { evaluateOn, type FixtureLeg, type FixtureOptions } from '../testing/decision-fixtures.ts';
import { r08GammaRisk } from './r08-gamma-risk.rule.ts';

// Binary-exact gammas: −2·(1/16) + 2·(1/32) = −1/16 per share = −6.25 per unit; 4 units = −25.
const greeks = (delta: number, gamma: number): Greeks => ({ delta, gamma, theta: -0.05, vega: 0.2, rho: 0 });
const legs: FixtureLeg[] = [
  { role: 'long_put', strike: 470, mid: 0.6, greeks: greeks(-0.1, 0.03125) },
  { role: 'short_put', strike: 480, mid: 1.4, greeks: greeks(-0.2, 0.0625) },
  { role: 'short_call', strike: 520, mid: 1.2, greeks: greeks(0.2, 0.0625) },
  { role: 'long_call', strike: 530, mid: 0.5, greeks: greeks(0.1, 0.03125) },
];
const near = (daysToExpiry: number): FixtureOptions => ({ legs, quantity: 4, daysToExpiry });

describe('R08 gamma risk (inclusive: ≤ 7 days; strict: |gamma| > limit)', () => {
  it('when |gamma| is exactly at the limit, then it does not fire', () => {
    expect(evaluateOn(r08GammaRisk, near(7), { positionGammaLimit: 25 })).toMatchObject({ fired: false, reason: '|position gamma| within 25', inputs: { positionGamma: -25, gammaPerUnit: 6.25, quantity: 4, unitsToClose: null } });
  });

  it('when |gamma| is beyond the limit at 7 days, then it fires REDUCE to the units that fit', () => {
    const evaluation = evaluateOn(r08GammaRisk, near(7), { positionGammaLimit: 24 });
    expect(evaluation).toMatchObject({ fired: true, action: 'REDUCE', urgency: 'WALKING_LIMIT', reduceQuantity: 1, inputs: { unitsToClose: 1 } });
    expect(evaluation.reason).toBe('7 day(s) to expiry and |gamma| 25 is beyond 24: reduce by 1 of 4 units');
  });

  it('when |gamma| is below the limit, then it does not fire', () => {
    expect(evaluateOn(r08GammaRisk, near(7), { positionGammaLimit: 26 }).fired).toBe(false);
  });

  it('when 8 days are left, then it does not fire whatever the gamma', () => {
    expect(evaluateOn(r08GammaRisk, near(8), { positionGammaLimit: 1 })).toMatchObject({ fired: false, reason: 'more than 7 days to expiry' });
  });

  it('when even one unit is beyond the limit, then it fires CLOSE', () => {
    expect(evaluateOn(r08GammaRisk, near(3), { positionGammaLimit: 6 })).toMatchObject({ fired: true, action: 'CLOSE', reduceQuantity: undefined, inputs: { unitsToClose: 4 } });
  });

  it('when the default limit of 20 applies to 4 units of 6.25, then 1 unit is closed to keep 3 (18.75)', () => {
    expect(evaluateOn(r08GammaRisk, near(5))).toMatchObject({ action: 'REDUCE', reduceQuantity: 1 });
  });
});
