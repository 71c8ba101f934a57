// The facts a monitoring cycle gathers for the decision contexts: each open strategy's leg quotes
// and exposure, the portfolio snapshot over all of them, the risk state (with the kill switch's
// flatten request) and the strategy's max profit / loss from its fill prices.
import { newYorkDate, type IsoDate } from '../../shared/domain/calendar.ts';
import type { Money } from '../../shared/domain/money.ts';
import type { TradingState } from '../../shared/domain/risk.ts';
import type { Strategy } from '../../shared/domain/strategy.ts';
import { createPortfolioSnapshot, strategyExposure, type PortfolioSnapshot, type StrategyExposure } from '../decisions/index.ts';
import type { OptionQuote } from '../market/index.ts';
import { expiryProfile } from '../strategies/index.ts';
import type { WorkflowPorts } from './workflow-ports.ts';

export interface StrategyMarket {
  readonly strategy: Strategy;
  readonly legMarkets: readonly OptionQuote[];
  readonly underlyingPrice: number;
  readonly exposure: StrategyExposure;
}

export interface CycleFacts {
  readonly now: number;
  readonly today: IsoDate;
  readonly vix: number;
  readonly risk: { readonly tradingState: TradingState; readonly flattenRequested: boolean };
  readonly portfolio: PortfolioSnapshot;
  readonly markets: ReadonlyMap<string, StrategyMarket>;
  /** Strategies left out of the cycle, with why. */
  readonly unreadable: ReadonlyMap<string, string>;
}

/** The strategy's quotes now, or why they cannot be read (an expired or unknown contract). */
export function readStrategyMarket(strategy: Strategy, marketData: WorkflowPorts['marketData']): StrategyMarket | string {
  try {
    const legMarkets = strategy.legs.map((leg) => marketData.snapshot(leg.contract));
    const underlyingPrice = marketData.snapshot(strategy.underlyingSymbol).mid;
    const legs = strategy.legs.map((leg, index) => ({ contract: leg.contract, action: leg.action, ratio: leg.ratio, greeks: (legMarkets[index] as OptionQuote).greeks }));
    return { strategy, legMarkets, underlyingPrice, exposure: strategyExposure(legs, strategy.quantity, underlyingPrice) };
  } catch (error) {
    return `no quotes for its legs: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** R01's inputs: the trading state and whether the kill switch was asked to flatten (a run's flatten, or one still owed). */
export function riskFacts(ports: Pick<WorkflowPorts, 'governor' | 'killSwitch'>): CycleFacts['risk'] {
  const tradingState = ports.governor.state().tradingState;
  const status = ports.killSwitch.status();
  const flattenRequested = tradingState === 'HALTED' && (status.owed.flatten || (status.lastRun !== undefined && status.lastRun.flatten !== 'not-requested'));
  return { tradingState, flattenRequested };
}

/** Facts for every strategy in `strategies` (OPEN and CLOSING: all that are held). Throws when the account is unknown. */
export function gatherCycleFacts(strategies: readonly Strategy[], ports: Pick<WorkflowPorts, 'clock' | 'marketData' | 'market' | 'governor' | 'killSwitch' | 'accounts'>): CycleFacts {
  const now = ports.clock.now();
  const account = ports.accounts.latest;
  if (account === undefined || account.netLiquidation <= 0) throw new Error('no account summary with a positive net liquidation yet');
  const markets = new Map<string, StrategyMarket>();
  const unreadable = new Map<string, string>();
  for (const strategy of strategies) {
    const market = readStrategyMarket(strategy, ports.marketData);
    if (typeof market === 'string') unreadable.set(strategy.id, market);
    else markets.set(strategy.id, market);
  }
  const portfolio = createPortfolioSnapshot({
    netLiquidation: account.netLiquidation,
    positions: [...markets.values()].map(({ strategy, exposure }) => ({ strategyId: strategy.id, underlyingSymbol: strategy.underlyingSymbol, greeks: exposure.greeks, atRisk: exposure.atRisk })),
  });
  return { now, today: newYorkDate(now), vix: ports.market.vix(), risk: riskFacts(ports), portfolio, markets, unreadable };
}

/** Max profit (> 0) and max loss (≥ 0) at expiry from the legs' fill prices; undefined when unlimited or unknown. */
export function profitAndLoss(strategy: Strategy): { readonly maxProfit: Money | undefined; readonly maxLoss: Money | undefined } {
  if (strategy.legs.some((leg) => leg.entryPrice === undefined)) return { maxProfit: undefined, maxLoss: undefined };
  const profile = expiryProfile(strategy.legs.map((leg) => ({
    right: leg.contract.right,
    strike: leg.contract.strike,
    multiplier: leg.contract.multiplier,
    contracts: (leg.action === 'BUY' ? 1 : -1) * leg.ratio * strategy.quantity,
    entryPrice: leg.entryPrice as number,
  })));
  return {
    maxProfit: profile.maxProfit.unlimited || profile.maxProfit.amount <= 0 ? undefined : profile.maxProfit.amount,
    maxLoss: profile.maxLoss.unlimited ? undefined : (Math.max(0, profile.maxLoss.amount) as Money),
  };
}
