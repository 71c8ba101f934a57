import { describe, expect, it } from 'vitest';
import { evaluateOn } from '../testing/decision-fixtures.ts';
import { r03TakeProfit } from './r03-take-profit.rule.ts';

// Max profit is the $150 credit: the target is $75, i.e. 0.75 to close.
describe('R03 take profit (inclusive: profit ≥ 50 % of max profit)', () => {
  it('when the profit is exactly 50 % of max profit, then it fires CLOSE with a limit at the mid', () => {
    const evaluation = evaluateOn(r03TakeProfit, { closePerShare: 0.75 });
    expect(evaluation).toMatchObject({ fired: true, action: 'CLOSE', urgency: 'LIMIT_AT_MID', threshold: 'profit ≥ 50% of max profit' });
    expect(evaluation.inputs).toEqual({ pnlDollars: 75, maxProfitDollars: 150, pnlFractionOfMaxProfit: 0.5 });
    expect(evaluation.reason).toBe('profit $75.00 is 50% of max profit $150.00: take it at the mid');
  });

  it('when the profit is a cent a share above the target, then it fires', () => {
    expect(evaluateOn(r03TakeProfit, { closePerShare: 0.74 })).toMatchObject({ fired: true, inputs: { pnlDollars: 76 } });
  });

  it('when the profit is a cent a share below the target, then it does not fire', () => {
    expect(evaluateOn(r03TakeProfit, { closePerShare: 0.76 })).toMatchObject({ fired: false, reason: 'profit below 50% of max profit', inputs: { pnlDollars: 74 } });
  });

  it('when the target is configured to 25 %, then it fires from $37.50', () => {
    expect(evaluateOn(r03TakeProfit, { closePerShare: 1.125 }, { takeProfitFraction: 0.25 }).fired).toBe(true);
    expect(evaluateOn(r03TakeProfit, { closePerShare: 1.13 }, { takeProfitFraction: 0.25 }).fired).toBe(false);
  });

  it('when max profit is unknown, then it does not fire', () => {
    expect(evaluateOn(r03TakeProfit, { closePerShare: 0.1, maxProfitPerUnit: null })).toMatchObject({ fired: false, reason: 'max profit unknown: no profit target', inputs: { maxProfitDollars: null, pnlFractionOfMaxProfit: null } });
  });
});
