// The ordered list of checks an order goes through on the automation gate. The first denial
// wins; the order of the list decides which reason an order that breaks several limits gets:
// circuit breaker and trading state first, then readiness (reconciled, connected, account),
// then the per-order controls (size, rate, duplicate, price), then market data and the
// portfolio limits computed from it.
import type { AccountSummary } from '../../shared/domain/account.ts';
import type { RiskLimits, RiskDenial } from '../../shared/domain/risk.ts';
import type { Money } from '../../shared/domain/money.ts';
import { checkConcentration } from './checks/concentration.check.ts';
import { checkDailyLoss, type DailyLoss } from './checks/daily-loss.check.ts';
import { checkDuplicate, type RecentIntent } from './checks/duplicate-order.check.ts';
import { deny, type CheckResult } from './checks/denial.ts';
import { checkPortfolioDelta, checkPortfolioVega } from './checks/greeks-limit.check.ts';
import { checkMargin } from './checks/margin.check.ts';
import { checkOrderRate } from './checks/order-rate.check.ts';
import { checkOrderSize } from './checks/order-size.check.ts';
import { checkNewPositionsToday, checkOpenPositions } from './checks/position-count.check.ts';
import { checkPriceCollar, referencePrice } from './checks/price-collar.check.ts';
import type { QuoteLookup } from './checks/quote-freshness.ts';
import { checkAccount, checkConnected, checkReconciled } from './checks/readiness.check.ts';
import { checkMarketData } from './checks/stale-data.check.ts';
import { checkTradingState } from './checks/trading-state.check.ts';
import { exposureOf, withLegs, type NetPosition } from './exposure.ts';
import type { SignedLeg } from './order-legs.ts';
import type { OrderIntent } from './pre-trade-gate.ts';
import type { MarginPreview } from './risk-inputs.ts';
import type { SectorMap } from './sector-map.ts';
import type { TradingControl } from './trading-control.ts';

/** Everything the checks look at, gathered once per order by the governor. */
export interface OrderContext {
  readonly intent: OrderIntent;
  readonly legs: readonly SignedLeg[];
  readonly now: number;
  readonly limits: RiskLimits;
  readonly control: TradingControl;
  readonly reconciled: boolean;
  readonly unreconciledReason: string | undefined;
  readonly connected: boolean;
  readonly account: AccountSummary | undefined;
  readonly accountMaxAgeMs: number;
  /** Undefined until the day's baseline and an account summary are known. */
  readonly dailyLoss: DailyLoss | undefined;
  readonly net: ReadonlyMap<string, NetPosition>;
  readonly reducesRisk: boolean;
  readonly opensNewGroup: boolean;
  /** Open position groups plus groups reserved by recently admitted orders. */
  readonly openGroupCount: number;
  readonly newPositionsToday: number;
  readonly messageTimes: readonly number[];
  readonly recentIntents: readonly RecentIntent[];
  readonly duplicateKey: string;
  readonly quoteOf: QuoteLookup;
  readonly sectors: SectorMap;
  readonly maxConcentrationPerSector: number;
  readonly marginPreview: MarginPreview | undefined;
  readonly estimatedMargin: Money | undefined;
}

type Check = (context: OrderContext) => CheckResult;

const checks: readonly Check[] = [
  (c) => (c.dailyLoss === undefined ? undefined : checkDailyLoss(c.dailyLoss, c.limits.dailyLossFraction)),
  (c) => checkTradingState(c.control.tradingState, c.control.reason, c.reducesRisk),
  (c) => checkReconciled(c.reconciled, c.unreconciledReason),
  (c) => checkConnected(c.connected),
  (c) => checkAccount(c.account, c.now, c.accountMaxAgeMs),
  (c) => checkOrderSize(c.intent.quantity, c.limits.maxContractsPerOrder),
  (c) => checkOrderRate(c.messageTimes, c.now, c.limits.maxOrdersPerSecond),
  (c) => checkDuplicate({ key: c.duplicateKey, clientOrderRef: c.intent.clientOrderRef, kind: c.intent.kind }, c.recentIntents, c.now, c.limits.duplicateWindowMs),
  (c) => checkPriceCollar(c.intent, referencePrice(c.intent.instrument, c.quoteOf, c.now, c.limits.staleDataMs), c.limits),
  (c) => checkMarketData([...[...c.net.values()].map((position) => position.contract), ...c.legs.map((leg) => leg.contract)], c.quoteOf, c.now, c.limits.staleDataMs),
  (c) => checkOpenPositions(c.openGroupCount, c.opensNewGroup, c.limits.maxOpenPositions),
  (c) => checkNewPositionsToday(c.newPositionsToday, c.opensNewGroup, c.limits.maxNewPositionsPerDay),
  (c) => (c.account === undefined ? undefined : checkMargin({ account: c.account, preview: c.marginPreview, estimatedAddition: c.estimatedMargin, reducesRisk: c.reducesRisk, maxMarginUtilisation: c.limits.maxMarginUtilisation })),
  checkPortfolio,
];

/** The first denial of the checks in order, or undefined when the order is allowed. */
export function evaluateOrder(context: OrderContext): RiskDenial | undefined {
  for (const check of checks) {
    const denial = check(context);
    if (denial !== undefined) return denial;
  }
  return undefined;
}

/** Concentration, delta and vega: exposure before and after the order, from the same quotes. */
function checkPortfolio(c: OrderContext): CheckResult {
  const before = exposureOf(c.net, c.quoteOf, c.now, c.limits.staleDataMs);
  const after = exposureOf(withLegs(c.net, c.legs), c.quoteOf, c.now, c.limits.staleDataMs);
  const unpriced = [...before.unpriced, ...after.unpriced];
  if (unpriced.length > 0) return deny('STALE_DATA', `market data became unusable for ${unpriced.join(', ')}`);
  const underlying = c.legs[0]?.underlyingSymbol;
  if (c.account === undefined || underlying === undefined) return deny('INVALID_ORDER', 'the order has no legs or the account is unknown');
  return (
    checkConcentration({
      underlying,
      before: before.atRiskByUnderlying,
      after: after.atRiskByUnderlying,
      netLiquidation: c.account.netLiquidation,
      maxPerUnderlying: c.limits.maxConcentrationPerUnderlying,
      sectors: c.sectors,
      maxPerSector: c.maxConcentrationPerSector,
    }) ??
    checkPortfolioDelta(before.delta, after.delta, c.limits.maxPortfolioDelta) ??
    checkPortfolioVega(before.vega, after.vega, c.limits.maxPortfolioVega)
  );
}
