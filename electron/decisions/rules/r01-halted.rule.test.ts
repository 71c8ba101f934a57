import { describe, expect, it } from 'vitest';
import { evaluateOn } from '../testing/decision-fixtures.ts';
import { r01Halted } from './r01-halted.rule.ts';

const inState = (tradingState: 'ACTIVE' | 'REDUCING' | 'HALTED', flattenRequested: boolean) => evaluateOn(r01Halted, { overrides: { risk: { tradingState, flattenRequested } } });

describe('R01 halted', () => {
  it('when trading is ACTIVE or REDUCING, then it does not fire (even with a stale flatten flag)', () => {
    expect(inState('ACTIVE', false)).toMatchObject({ ruleId: 'R01', fired: false, reason: 'trading is not halted', inputs: { tradingState: 'ACTIVE', flattenRequested: false } });
    expect(inState('REDUCING', true)).toMatchObject({ fired: false, inputs: { tradingState: 'REDUCING', flattenRequested: true } });
  });

  it('when trading is HALTED and flattening was requested, then it fires CLOSE, MARKETABLE', () => {
    expect(inState('HALTED', true)).toMatchObject({ fired: true, action: 'CLOSE', urgency: 'MARKETABLE', reason: expect.stringContaining('flattening was requested') });
  });

  it('when trading is HALTED without a flatten request, then it fires HOLD with no urgency (nothing new may be sent)', () => {
    const evaluation = inState('HALTED', false);
    expect(evaluation).toMatchObject({ fired: true, action: 'HOLD', urgency: undefined, reason: 'trading is halted: hold, no new orders' });
    expect(evaluation.threshold).toBe('trading state = HALTED (CLOSE if flattening was requested, else HOLD)');
  });
});
