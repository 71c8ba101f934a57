// The daily loss circuit breaker: the day's P&L (net liquidation now minus at the start of the
// trading day) at or below −dailyLossFraction × start-of-day net liquidation trips it. The
// governor then halts, latched (risk-governor.ts); this check denies the order that found it.
import { compare, format, subtract, type Money } from '../../../shared/domain/money.ts';
import { dailyLossLimit } from '../../../shared/domain/risk.ts';
import { deny, percent, type CheckResult } from './denial.ts';

export interface DailyLoss {
  readonly pnl: Money;
  readonly limit: Money;
  readonly breached: boolean;
}

export function dailyLoss(netLiquidation: Money, startOfDayNetLiquidation: Money, dailyLossFraction: number): DailyLoss {
  const pnl = subtract(netLiquidation, startOfDayNetLiquidation);
  const limit = dailyLossLimit(startOfDayNetLiquidation, dailyLossFraction);
  return { pnl, limit, breached: compare(pnl, limit) <= 0 };
}

export function describeDailyLoss(loss: DailyLoss, dailyLossFraction: number): string {
  return `daily P&L ${format(loss.pnl)} is at or below the daily loss limit ${format(loss.limit)} (−${percent(dailyLossFraction)} of start-of-day net liquidation)`;
}

export function checkDailyLoss(loss: DailyLoss, dailyLossFraction: number): CheckResult {
  return loss.breached ? deny('DAILY_LOSS_LIMIT', describeDailyLoss(loss, dailyLossFraction)) : undefined;
}
