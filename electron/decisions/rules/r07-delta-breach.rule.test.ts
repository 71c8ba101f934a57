import { describe, expect, it } from 'vitest';
import type { Greeks } from '../../../shared/domain/greeks.ts';
import { evaluateOn, FIXTURE_ROLL_EXPIRY, legsWith, type FixtureLeg } from '../testing/decision-fixtures.ts';
import { r07DeltaBreach } from './r07-delta-breach.rule.ts';

const shortPutDelta = (delta: number): FixtureLeg[] => legsWith('short_put', { greeks: { delta } });
const greeks = (delta: number): Greeks => ({ delta, gamma: 0.01, theta: -0.05, vega: 0.2, rho: 0 });
// A bull call debit spread: +0.5 − 0.25 = 25 shares per unit, its short call far below 0.30.
const bullCall: FixtureLeg[] = [{ role: 'long_call', strike: 500, mid: 8, greeks: greeks(0.5) }, { role: 'short_call', strike: 520, mid: 2, greeks: greeks(0.25) }];
// A bear call credit spread: −0.25 + 0.0625 per share = −18.75 shares per unit.
const bearCall: FixtureLeg[] = [{ role: 'short_call', strike: 520, mid: 2, greeks: greeks(0.25) }, { role: 'long_call', strike: 530, mid: 1, greeks: greeks(0.0625) }];

describe('R07 delta breach (inclusive for a short leg: |delta| ≥ 0.30; strict for the position: |delta| > limit per unit)', () => {
  it('when a short leg is exactly at 0.30 delta, then it fires ROLL of its side, walking limit', () => {
    const evaluation = evaluateOn(r07DeltaBreach, { legs: shortPutDelta(-0.3) });
    expect(evaluation).toMatchObject({ fired: true, action: 'ROLL', urgency: 'WALKING_LIMIT', rollTarget: { side: 'put', expiry: FIXTURE_ROLL_EXPIRY, targetDelta: -0.16 } });
    expect(evaluation.inputs).toMatchObject({ maxShortLegAbsDelta: 0.3, rollSide: 'put' });
    expect(evaluation.reason).toMatch(/^a short put is at 0\.3 delta \(limit 0\.3\): roll the put side/);
  });

  it('when a short leg is just above 0.30, then it fires; just below, it does not', () => {
    expect(evaluateOn(r07DeltaBreach, { legs: shortPutDelta(-0.3001) }).fired).toBe(true);
    expect(evaluateOn(r07DeltaBreach, { legs: shortPutDelta(-0.2999) })).toMatchObject({ fired: false, reason: 'short-leg and position deltas within their limits', inputs: { rollSide: null } });
  });

  it('when the position delta per unit is exactly at its limit, then it does not fire; beyond it, it does', () => {
    const options = { type: 'BEAR_CALL' as const, legs: bearCall, entryNetPerShare: -1, quantity: 2 };
    expect(evaluateOn(r07DeltaBreach, options, { positionDeltaPerUnitLimit: 18.75 })).toMatchObject({ fired: false, inputs: { positionDelta: -37.5, positionDeltaPerUnit: -18.75 } });
    expect(evaluateOn(r07DeltaBreach, options, { positionDeltaPerUnitLimit: 19 }).fired).toBe(false);
    expect(evaluateOn(r07DeltaBreach, options, { positionDeltaPerUnitLimit: 18.5 })).toMatchObject({ fired: true, action: 'ROLL', rollTarget: { side: 'call' } });
  });

  it('when a debit spread is beyond the delta limits, then it does not fire: the rule defends premium sellers only', () => {
    const options = { type: 'BULL_CALL' as const, legs: bullCall, entryNetPerShare: 6, quantity: 2 };
    expect(evaluateOn(r07DeltaBreach, options, { positionDeltaPerUnitLimit: 10, shortLegDeltaLimit: 0.2 })).toMatchObject({ fired: false, inputs: { isCredit: false }, reason: expect.stringContaining('debit position') });
  });

  it('when the position delta is short beyond its limit, then the call side is rolled', () => {
    const evaluation = evaluateOn(r07DeltaBreach, { type: 'BEAR_CALL', legs: bearCall, entryNetPerShare: -1 }, { positionDeltaPerUnitLimit: 18 });
    expect(evaluation).toMatchObject({ fired: true, rollTarget: { side: 'call', targetDelta: 0.16 }, inputs: { positionDeltaPerUnit: -18.75 } });
    expect(evaluation.reason).toMatch(/^position delta is -18\.75 per unit \(limit 18\)/);
  });

  it('when the roll is estimated at a debit, then it closes instead', () => {
    expect(evaluateOn(r07DeltaBreach, { legs: shortPutDelta(-0.4), overrides: { rollEstimate: { put: -0.05 } } })).toMatchObject({ fired: true, action: 'CLOSE', rollTarget: undefined });
  });
});
