import { describe, expect, it } from 'vitest';
import { evaluateOn } from '../testing/decision-fixtures.ts';
import { r10VolatilityShift } from './r10-volatility-shift.rule.ts';

const ranks = (ivRankAtEntry: number | undefined, ivRankNow: number, entryNetPerShare = -1.5) => evaluateOn(r10VolatilityShift, { entryNetPerShare, overrides: { ivRankAtEntry, ivRankNow } });

describe('R10 volatility shift (inclusive: moved ≥ 25 points against the position)', () => {
  it('when a credit position sees IV rank up exactly 25 points, then it fires CLOSE with a walking limit', () => {
    const evaluation = ranks(55, 80);
    expect(evaluation).toMatchObject({ fired: true, action: 'CLOSE', urgency: 'WALKING_LIMIT', inputs: { isCredit: true, ivRankAtEntry: 55, ivRankNow: 80, ivRankMoveAgainst: 25 } });
    expect(evaluation.reason).toBe('IV rank went up from 55 to 80, 25 points against the credit position: close');
  });

  it('when it rose just more than 25 points, then it fires; just less, it does not', () => {
    expect(ranks(55, 80.01).fired).toBe(true);
    expect(ranks(55, 79.99)).toMatchObject({ fired: false, reason: 'IV rank moved less than 25 points against the position' });
  });

  it('when a credit position sees IV rank fall 40 points, then it does not fire (that is in its favour)', () => {
    expect(ranks(60, 20).fired).toBe(false);
  });

  it('when a debit position sees IV rank fall 25 points, then it fires; a rise does not', () => {
    expect(ranks(55, 30, 2)).toMatchObject({ fired: true, reason: 'IV rank went down from 55 to 30, 25 points against the debit position: close' });
    expect(ranks(55, 90, 2).fired).toBe(false);
  });

  it('when the IV rank at entry is unknown, then it does not fire', () => {
    expect(ranks(undefined, 100)).toMatchObject({ fired: false, reason: 'IV rank at entry unknown', inputs: { ivRankAtEntry: null, ivRankMoveAgainst: null } });
  });
});
