import { describe, expect, it } from 'vitest';
import type { FixtureLeg } from '../testing/decision-fixtures.ts';
import { evaluateOn, fixtureNow, FIXTURE_ROLL_EXPIRY } from '../testing/decision-fixtures.ts';
import { r06ShortStrikeBreached } from './r06-short-strike-breached.rule.ts';

// A bull call debit spread: long 500 call, short 520 call.
const bullCall: FixtureLeg[] = [
  { role: 'long_call', strike: 500, mid: 8, greeks: { delta: 0.5, gamma: 0.01, theta: -0.05, vega: 0.2, rho: 0 } },
  { role: 'short_call', strike: 520, mid: 2, greeks: { delta: 0.25, gamma: 0.01, theta: -0.05, vega: 0.2, rho: 0 } },
];

// Short strikes 480 (put) and 520 (call); breached means strictly beyond them.
describe('R06 short strike breached (strict: beyond the strike, not at it)', () => {
  it('when the underlying is exactly at a short strike, then it does not fire', () => {
    expect(evaluateOn(r06ShortStrikeBreached, { underlyingPrice: 480 })).toMatchObject({ fired: false, reason: 'the underlying is inside every short strike', inputs: { breachedStrike: null, testedSide: null } });
    expect(evaluateOn(r06ShortStrikeBreached, { underlyingPrice: 520 }).fired).toBe(false);
  });

  it('when the underlying is a cent below the short put, then it fires ROLL of the put side to the roll expiry at −0.16 delta', () => {
    const evaluation = evaluateOn(r06ShortStrikeBreached, { underlyingPrice: 479.99 });
    expect(evaluation).toMatchObject({ fired: true, action: 'ROLL', urgency: 'WALKING_LIMIT' });
    expect(evaluation.rollTarget).toEqual({ side: 'put', expiry: FIXTURE_ROLL_EXPIRY, targetDelta: -0.16, description: `roll the put side to ${FIXTURE_ROLL_EXPIRY} with the short strike at -0.16 delta for a net credit` });
    expect(evaluation.inputs).toEqual({ underlyingPrice: 479.99, breachedStrike: 480, testedSide: 'put', rollSide: 'put', rollExpiry: FIXTURE_ROLL_EXPIRY, estimatedRollCredit: null });
    expect(evaluation.reason).toContain('credit not estimated: roll only for a credit, else close');
  });

  it('when the underlying is a cent above the short call, then the call side is rolled at +0.16 delta', () => {
    expect(evaluateOn(r06ShortStrikeBreached, { underlyingPrice: 520.01 }).rollTarget).toMatchObject({ side: 'call', targetDelta: 0.16 });
  });

  it('when the snapshot estimates the tested side roll at a credit, then it rolls; at zero or a debit, it closes', () => {
    expect(evaluateOn(r06ShortStrikeBreached, { underlyingPrice: 470, overrides: { rollEstimate: { put: 0.25, call: -1 } } })).toMatchObject({ action: 'ROLL', inputs: { estimatedRollCredit: 0.25 } });
    expect(evaluateOn(r06ShortStrikeBreached, { underlyingPrice: 470, overrides: { rollEstimate: { put: 0 } } })).toMatchObject({ action: 'CLOSE', urgency: 'WALKING_LIMIT', rollTarget: undefined });
    expect(evaluateOn(r06ShortStrikeBreached, { underlyingPrice: 470, overrides: { rollEstimate: { put: -0.3 } } }).reason).toContain('estimated at -0.3 per share, not a credit: close instead');
  });

  it('when no later monthly expiry is listed, then it closes', () => {
    const evaluation = evaluateOn(r06ShortStrikeBreached, { underlyingPrice: 470, overrides: { calendar: fixtureNow(44) } });
    expect(evaluation).toMatchObject({ fired: true, action: 'CLOSE', rollTarget: undefined, inputs: { rollExpiry: null } });
    expect(evaluation.reason).toContain('no later monthly expiry to roll to: close instead');
  });

  it('when the position is a debit spread, then it does not fire: the rule defends premium sellers only', () => {
    expect(evaluateOn(r06ShortStrikeBreached, { type: 'BULL_CALL', legs: bullCall, entryNetPerShare: 6, underlyingPrice: 530 })).toMatchObject({ fired: false, inputs: { isCredit: false }, reason: expect.stringContaining('debit position') });
  });
});
