// What the order and flatten gates may read and change of the governor that owns them.
import type { AccountSummary } from '../../shared/domain/account.ts';
import type { DailyLoss } from './checks/daily-loss.check.ts';
import type { RiskDay } from './risk-day.ts';
import type { RiskRecorder } from './risk-recorder.ts';
import type { TradingControl } from './trading-control.ts';

export interface GovernorAccess {
  now(): number;
  control(): TradingControl;
  reconciled(): { readonly reconciled: boolean; readonly reason: string | undefined };
  day(): RiskDay;
  /** Rolls the day and runs the daily loss breaker (which may halt); the day's loss when known. */
  evaluateDay(now: number, account: AccountSummary | undefined): DailyLoss | undefined;
  countNewPosition(now: number): void;
  readonly recorder: RiskRecorder;
}
