// The governor's state for the UI and the kill switch (shared/domain/risk.ts RiskState). Greeks
// are summed over the positions that have usable quotes (a display, not a check: the checks
// fail closed on missing data instead).
import { marginUtilisation, type AccountSummary } from '../../shared/domain/account.ts';
import { subtract, ZERO_MONEY } from '../../shared/domain/money.ts';
import type { RiskState } from '../../shared/domain/risk.ts';
import type { QuoteLookup } from './checks/quote-freshness.ts';
import { exposureOf } from './exposure.ts';
import { openPositionGroups } from './position-groups.ts';
import type { PositionsRead } from './risk-facts.ts';
import type { RiskDay } from './risk-day.ts';
import type { TradingControl } from './trading-control.ts';

export interface RiskStateFacts {
  readonly now: number;
  readonly control: TradingControl;
  readonly day: RiskDay;
  readonly account: AccountSummary | undefined;
  readonly positions: PositionsRead;
  readonly reconciled: boolean;
  readonly quoteOf: QuoteLookup;
  readonly staleDataMs: number;
}

export function riskStateView(facts: RiskStateFacts): RiskState {
  const { control, day, account, positions } = facts;
  const start = day.startOfDayNetLiquidation;
  const exposure = positions.ok ? exposureOf(positions.net, facts.quoteOf, facts.now, facts.staleDataMs) : undefined;
  return Object.freeze({
    tradingState: control.tradingState,
    haltReason: control.reason,
    latched: control.latched,
    tradingDay: day.tradingDay,
    startOfDayNetLiquidation: start ?? ZERO_MONEY,
    dailyPnl: account === undefined || start === undefined ? ZERO_MONEY : subtract(account.netLiquidation, start),
    openPositions: positions.ok ? openPositionGroups(positions.positions).size : 0,
    newPositionsToday: day.newPositionsToday,
    marginUtilisation: account === undefined ? 0 : marginUtilisation(account),
    portfolioDelta: exposure?.delta ?? 0,
    portfolioVega: exposure?.vega ?? 0,
    reconciled: facts.reconciled,
    updatedAt: facts.now,
  });
}
