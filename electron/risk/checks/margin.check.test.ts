import { describe, expect, it } from 'vitest';
import { fromDollars } from '../../../shared/domain/money.ts';
import { checkMargin, type MarginCheckInput } from './margin.check.ts';

const base: MarginCheckInput = {
  account: { marginUsed: fromDollars(50_000), netLiquidation: fromDollars(100_000) },
  preview: undefined,
  estimatedAddition: undefined,
  reducesRisk: false,
  maxMarginUtilisation: 0.8,
};
const preview = (after: number, rejectReason?: string) => ({ maintenanceMarginAfter: fromDollars(after), rejectReason });

describe('checkMargin', () => {
  it('when the broker preview leaves utilisation at exactly 80 %, then the order is allowed; one cent more, then denied MARGIN_UTILISATION', () => {
    expect(checkMargin({ ...base, preview: preview(80_000) })).toBeUndefined();
    expect(checkMargin({ ...base, preview: preview(80_000.01) })).toMatchObject({ code: 'MARGIN_UTILISATION', reason: expect.stringContaining('80.00%') });
  });

  it('when there is no preview, then current margin plus the estimate is used', () => {
    expect(checkMargin({ ...base, estimatedAddition: fromDollars(30_000) })).toBeUndefined();
    expect(checkMargin({ ...base, estimatedAddition: fromDollars(30_001) })?.code).toBe('MARGIN_UTILISATION');
  });

  it('when both a preview and an estimate exist, then the preview wins', () => {
    expect(checkMargin({ ...base, preview: preview(60_000), estimatedAddition: fromDollars(90_000) })).toBeUndefined();
  });

  it('when the margin after the order is unknown, then an opening order fails closed and a reducing one is allowed', () => {
    expect(checkMargin(base)).toMatchObject({ code: 'MARGIN_UTILISATION', reason: expect.stringContaining('unknown') });
    expect(checkMargin({ ...base, reducesRisk: true })).toBeUndefined();
  });

  it('when the account is already above the limit, then an order that lowers utilisation is allowed and one that raises it is denied', () => {
    const over = { ...base, account: { marginUsed: fromDollars(90_000), netLiquidation: fromDollars(100_000) } };
    expect(checkMargin({ ...over, estimatedAddition: fromDollars(-5_000) })).toBeUndefined();
    expect(checkMargin({ ...over, estimatedAddition: fromDollars(1) })?.code).toBe('MARGIN_UTILISATION');
  });

  it('when the broker preview would reject the order, then it is denied with the broker reason', () => {
    expect(checkMargin({ ...base, preview: preview(10_000, 'insufficient equity') })).toMatchObject({ code: 'MARGIN_UTILISATION', reason: expect.stringContaining('insufficient equity') });
  });

  it('when net liquidation is zero and margin would be used, then the order is denied', () => {
    expect(checkMargin({ ...base, account: { marginUsed: fromDollars(0), netLiquidation: fromDollars(0) }, estimatedAddition: fromDollars(1) })?.code).toBe('MARGIN_UTILISATION');
  });
});
