import { describe, expect, it } from 'vitest';
import { createAccountSummary, marginUtilisation, type AccountSummaryInput } from './account.ts';
import { fromDollars, ZERO_MONEY, type Money } from './money.ts';

const base: AccountSummaryInput = {
  netLiquidation: fromDollars(100_000), cash: fromDollars(80_000), buyingPower: fromDollars(160_000), marginUsed: fromDollars(25_000),
  realizedPnl: fromDollars(-120.5), unrealizedPnl: fromDollars(310), updatedAt: 5,
};

describe('account summary', () => {
  it('when the input is valid, then a frozen summary is returned', () => {
    const summary = createAccountSummary({ ...base, accountId: 'DU123456' });
    expect(summary).toEqual({ ...base, accountId: 'DU123456' });
    expect(Object.isFrozen(summary)).toBe(true);
  });

  it('when an amount is not Money, then construction fails naming it', () => {
    expect(() => createAccountSummary({ ...base, cash: 1.5 as Money })).toThrow(
      expect.objectContaining({ field: 'cash', message: 'cash must be a safe integer, got 1.5' }),
    );
    expect(() => createAccountSummary({ ...base, accountId: '' })).toThrow(expect.objectContaining({ field: 'accountId' }));
  });

  it('when computing margin utilisation, then it is margin over net liquidation and fails closed at zero equity', () => {
    expect(marginUtilisation(base)).toBe(0.25);
    expect(marginUtilisation({ marginUsed: ZERO_MONEY, netLiquidation: ZERO_MONEY })).toBe(0);
    expect(marginUtilisation({ marginUsed: fromDollars(1), netLiquidation: fromDollars(-5) })).toBe(Number.POSITIVE_INFINITY);
  });
});
