// Account-level money as the broker reports it (IB account summary / our paper broker).
import { parseMoney, toDollars, type Money } from './money.ts';
import { optional, requireEpochMillis, requireNonEmptyString } from './validate.ts';

export interface AccountSummary {
  readonly accountId: string | undefined;
  /** Net liquidation value: cash + market value of positions. */
  readonly netLiquidation: Money;
  readonly cash: Money;
  readonly buyingPower: Money;
  /** Maintenance margin in use. */
  readonly marginUsed: Money;
  /** Today's realized P&L. */
  readonly realizedPnl: Money;
  readonly unrealizedPnl: Money;
  readonly updatedAt: number;
}

export interface AccountSummaryInput extends Omit<AccountSummary, 'accountId'> {
  readonly accountId?: string | undefined;
}

export function createAccountSummary(input: AccountSummaryInput): AccountSummary {
  return Object.freeze({
    accountId: optional(input.accountId, 'accountId', (value, field) => requireNonEmptyString(value, field, 64)),
    netLiquidation: parseMoney(input.netLiquidation, 'netLiquidation'),
    cash: parseMoney(input.cash, 'cash'),
    buyingPower: parseMoney(input.buyingPower, 'buyingPower'),
    marginUsed: parseMoney(input.marginUsed, 'marginUsed'),
    realizedPnl: parseMoney(input.realizedPnl, 'realizedPnl'),
    unrealizedPnl: parseMoney(input.unrealizedPnl, 'unrealizedPnl'),
    updatedAt: requireEpochMillis(input.updatedAt, 'updatedAt'),
  });
}

/**
 * marginUsed / netLiquidation (0.8 = 80 %). Infinity when net liquidation is zero or negative
 * while margin is used: fail closed, a risk check against any limit then denies.
 */
export function marginUtilisation(summary: Pick<AccountSummary, 'marginUsed' | 'netLiquidation'>): number {
  if (summary.netLiquidation <= 0) return summary.marginUsed > 0 ? Number.POSITIVE_INFINITY : 0;
  return toDollars(summary.marginUsed) / toDollars(summary.netLiquidation);
}
