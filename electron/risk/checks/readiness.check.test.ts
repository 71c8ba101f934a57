import { describe, expect, it } from 'vitest';
import { createAccountSummary } from '../../../shared/domain/account.ts';
import { fromDollars } from '../../../shared/domain/money.ts';
import { checkAccount, checkConnected, checkReconciled } from './readiness.check.ts';

const account = createAccountSummary({
  netLiquidation: fromDollars(100_000), cash: fromDollars(100_000), buyingPower: fromDollars(200_000), marginUsed: fromDollars(0),
  realizedPnl: fromDollars(0), unrealizedPnl: fromDollars(0), updatedAt: 1_000_000,
});

describe('readiness checks', () => {
  it('when the broker state is not reconciled, then the order is denied NOT_RECONCILED with the reason; once reconciled it is allowed', () => {
    expect(checkReconciled(false, 'reconnect at 10:02')).toMatchObject({ code: 'NOT_RECONCILED', reason: expect.stringContaining('reconnect at 10:02') });
    expect(checkReconciled(true, undefined)).toBeUndefined();
  });

  it('when the broker is disconnected, then the order is denied DISCONNECTED', () => {
    expect(checkConnected(false)?.code).toBe('DISCONNECTED');
    expect(checkConnected(true)).toBeUndefined();
  });

  it('when the account summary is missing, then the order is denied STALE_DATA', () => {
    expect(checkAccount(undefined, 1_000_000, 1000)?.code).toBe('STALE_DATA');
  });

  it('when the account summary is exactly the maximum age, then it is allowed; one millisecond older, then denied STALE_DATA', () => {
    expect(checkAccount(account, 1_001_000, 1000)).toBeUndefined();
    expect(checkAccount(account, 1_001_001, 1000)).toMatchObject({ code: 'STALE_DATA', reason: 'the account summary is 1001 ms old (limit 1000 ms)' });
  });
});
