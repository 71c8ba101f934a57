import { describe, expect, it } from 'vitest';
import { evaluateOn, legsWith, type FixtureLeg } from '../testing/decision-fixtures.ts';
import { r04PinRisk } from './r04-pin-risk.rule.ts';

// Underlying at 500: "within 1 %" is a short strike at most $5 away.
const shortCallAt = (strike: number): FixtureLeg[] => legsWith('short_call', { strike });

describe('R04 expiry pin risk (inclusive: ≤ 1 day and |S − K| ≤ 1 % of S)', () => {
  it('when 1 day is left and a short strike is exactly 1 % away, then it fires CLOSE, MARKETABLE', () => {
    const evaluation = evaluateOn(r04PinRisk, { daysToExpiry: 1, legs: shortCallAt(505) });
    expect(evaluation).toMatchObject({ fired: true, action: 'CLOSE', urgency: 'MARKETABLE', threshold: 'days to expiry ≤ 1 and a short strike within 1% of the underlying' });
    expect(evaluation.inputs).toEqual({ daysToExpiry: 1, underlyingPrice: 500, nearestShortStrike: 505, distanceFraction: 0.01 });
    expect(evaluation.reason).toBe('1 day(s) to expiry and the short 505 strike is 1% from the underlying at 500: close before the pin');
  });

  it('when the short strike is just inside 1 %, then it fires; just outside, it does not', () => {
    expect(evaluateOn(r04PinRisk, { daysToExpiry: 1, legs: shortCallAt(504.95) }).fired).toBe(true);
    expect(evaluateOn(r04PinRisk, { daysToExpiry: 1, legs: shortCallAt(505.05) })).toMatchObject({ fired: false, reason: 'no short strike within 1% of the underlying' });
  });

  it('when it is expiry day (0 days), then it fires; at 2 days, it does not', () => {
    expect(evaluateOn(r04PinRisk, { daysToExpiry: 0, legs: shortCallAt(501) }).fired).toBe(true);
    expect(evaluateOn(r04PinRisk, { daysToExpiry: 2, legs: shortCallAt(501) })).toMatchObject({ fired: false, reason: 'more than 1 day(s) to expiry' });
  });

  it('when only a long strike is at the money, then it does not fire (a long option cannot be assigned)', () => {
    const legs: FixtureLeg[] = [
      { role: 'long_call', strike: 500, mid: 2, greeks: { delta: 0.5, gamma: 0.1, theta: -0.5, vega: 0.1, rho: 0 } },
      { role: 'short_call', strike: 510, mid: 0.1, greeks: { delta: 0.05, gamma: 0.02, theta: -0.05, vega: 0.02, rho: 0 } },
    ];
    expect(evaluateOn(r04PinRisk, { type: 'BULL_CALL', legs, entryNetPerShare: 1.9, daysToExpiry: 1 })).toMatchObject({ fired: false, inputs: { nearestShortStrike: 510, distanceFraction: 0.02 } });
  });

  it('when the distance is configured to 2 %, then a short strike $10 away fires', () => {
    expect(evaluateOn(r04PinRisk, { daysToExpiry: 1, legs: shortCallAt(510) }, { pinRiskDistanceFraction: 0.02 }).fired).toBe(true);
  });
});
