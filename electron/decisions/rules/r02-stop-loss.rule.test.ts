import { describe, expect, it } from 'vitest';
import { evaluateOn } from '../testing/decision-fixtures.ts';
import { r02StopLoss } from './r02-stop-loss.rule.ts';

// The fixture condor took a 1.50 credit ($150): the stop is a $300 loss, i.e. 4.50 to close.
describe('R02 stop loss (inclusive: loss ≥ 2 × credit)', () => {
  it('when the loss is exactly 2 × the credit, then it fires CLOSE, MARKETABLE', () => {
    const evaluation = evaluateOn(r02StopLoss, { closePerShare: 4.5 });
    expect(evaluation).toMatchObject({ fired: true, action: 'CLOSE', urgency: 'MARKETABLE', threshold: 'loss ≥ 2 × credit received' });
    expect(evaluation.inputs).toEqual({ isCredit: true, lossDollars: 300, creditDollars: 150, lossMultipleOfCredit: 2 });
    expect(evaluation.reason).toBe('loss $300.00 is 2 × the credit $150.00 (stop at 2 ×): close now');
  });

  it('when the loss is a cent a share beyond the stop, then it fires', () => {
    expect(evaluateOn(r02StopLoss, { closePerShare: 4.51 })).toMatchObject({ fired: true, inputs: { lossDollars: 301 } });
  });

  it('when the loss is a cent a share short of the stop, then it does not fire', () => {
    expect(evaluateOn(r02StopLoss, { closePerShare: 4.49 })).toMatchObject({ fired: false, reason: 'loss below 2 × credit received', inputs: { lossDollars: 299 } });
  });

  it('when the multiple is configured to 1.5 over 2 units, then the stop moves with it', () => {
    expect(evaluateOn(r02StopLoss, { quantity: 2, closePerShare: 3.75 }, { stopLossCreditMultiple: 1.5 })).toMatchObject({ fired: true, inputs: { lossDollars: 450, creditDollars: 300 } });
    expect(evaluateOn(r02StopLoss, { quantity: 2, closePerShare: 3.74 }, { stopLossCreditMultiple: 1.5 }).fired).toBe(false);
  });

  it('when the position was opened for a debit, then it never fires, whatever the loss', () => {
    expect(evaluateOn(r02StopLoss, { entryNetPerShare: 1, closePerShare: 5 })).toMatchObject({ fired: false, reason: 'not a credit position: no credit-based stop', inputs: { isCredit: false, lossMultipleOfCredit: null } });
  });
});
