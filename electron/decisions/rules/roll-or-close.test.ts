import { describe, expect, it } from 'vitest';
import { fixtureContext, fixtureNow } from '../testing/decision-fixtures.ts';
import { rollEstimateFor, rollOrClose, signedTargetDelta } from './roll-or-close.ts';

describe('rollOrClose', () => {
  it('when the estimate of the side is unknown, then it rolls and says the credit is not proven', () => {
    expect(rollOrClose(fixtureContext(), 'call', 0.16)).toEqual({
      action: 'ROLL',
      rollTarget: { side: 'call', expiry: '2026-06-19', targetDelta: 0.16, description: 'roll the call side to 2026-06-19 with the short strike at 0.16 delta for a net credit' },
      explanation: 'roll the call side to 2026-06-19 with the short strike at 0.16 delta for a net credit (credit not estimated: roll only for a credit, else close)',
    });
  });

  it('when the estimate is a credit, then it rolls and quotes it; a cent of credit is enough', () => {
    const context = fixtureContext({ overrides: { rollEstimate: { sameStrikes: 0.01 } } });
    expect(rollOrClose(context, 'all', undefined)).toMatchObject({ action: 'ROLL', explanation: expect.stringContaining('(estimated credit 0.01 per share)') });
  });

  it('when the estimate is zero or a debit, or no roll expiry is listed, then it closes', () => {
    expect(rollOrClose(fixtureContext({ overrides: { rollEstimate: { put: 0 } } }), 'put', -0.16)).toMatchObject({ action: 'CLOSE', rollTarget: undefined });
    expect(rollOrClose(fixtureContext({ overrides: { calendar: fixtureNow(44) } }), 'put', -0.16)).toMatchObject({ action: 'CLOSE', explanation: 'no later monthly expiry to roll to: close instead' });
  });

  it('when estimates and target deltas are read per side, then puts are negative and each side has its own estimate', () => {
    const context = fixtureContext({ overrides: { rollEstimate: { sameStrikes: 1, put: 2, call: 3 } } });
    expect([rollEstimateFor(context, 'all'), rollEstimateFor(context, 'put'), rollEstimateFor(context, 'call')]).toEqual([1, 2, 3]);
    expect([signedTargetDelta('put', 0.16), signedTargetDelta('call', 0.16)]).toEqual([-0.16, 0.16]);
  });
});
