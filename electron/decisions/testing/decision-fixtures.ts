// Realistic decision contexts for tests and the benchmark: by default a 1-unit SPY iron condor
// 470/480/520/530 opened for a 1.50 credit, 44 days to the 2026-05-15 expiry, the underlying at
// 500, nothing near any threshold (the engine decides R12 HOLD). Options move one fact at a time.
import { addDays, parseIsoDate } from '../../../shared/domain/calendar.ts';
import { restoreOptionContract } from '../../../shared/domain/contract.ts';
import type { Greeks } from '../../../shared/domain/greeks.ts';
import { fromDollars, type Money } from '../../../shared/domain/money.ts';
import { createStrategy, type LegRole, type Strategy, type StrategyType } from '../../../shared/domain/strategy.ts';
import { createDecisionContext, type DecisionContext, type DecisionContextInput, type DecisionLegMarket } from '../decision-context.ts';
import type { DecisionRule, RuleEvaluation } from '../decision-rule.ts';
import { createDecisionThresholds, type DecisionThresholds } from '../decision-thresholds.ts';
import { createPortfolioSnapshot, type PortfolioPositionInput, type PortfolioSnapshot } from '../portfolio-snapshot.ts';
import { strategyExposure } from '../strategy-exposure.ts';

export const FIXTURE_EXPIRY = '2026-05-15';
export const FIXTURE_ROLL_EXPIRY = '2026-06-19';
export const FIXTURE_NET_LIQUIDATION = fromDollars(1_000_000);

export interface FixtureLeg {
  readonly role: LegRole;
  readonly strike: number;
  readonly mid: number;
  readonly greeks: Greeks;
}

const greeks = (delta: number, gamma: number, theta: number, vega: number): Greeks => ({ delta, gamma, theta, vega, rho: 0 });

export const IRON_CONDOR_LEGS: readonly FixtureLeg[] = [
  { role: 'long_put', strike: 470, mid: 0.6, greeks: greeks(-0.06, 0.004, -0.03, 0.2) },
  { role: 'short_put', strike: 480, mid: 1.4, greeks: greeks(-0.16, 0.008, -0.06, 0.45) },
  { role: 'short_call', strike: 520, mid: 1.2, greeks: greeks(0.16, 0.008, -0.06, 0.45) },
  { role: 'long_call', strike: 530, mid: 0.5, greeks: greeks(0.06, 0.004, -0.03, 0.2) },
];

export interface FixtureOptions {
  readonly strategyId?: string;
  readonly type?: StrategyType;
  readonly symbol?: string;
  readonly legs?: readonly FixtureLeg[];
  readonly quantity?: number;
  readonly underlyingPrice?: number;
  readonly daysToExpiry?: number;
  /** Per-share net entry price per unit: credit negative (default −1.50). */
  readonly entryNetPerShare?: number;
  /** Per-share net cost to close per unit; sets the first short leg's mid (default: the legs' mids). */
  readonly closePerShare?: number;
  /** Per unit, dollars; null: unknown. Default: the credit (or the spread width minus the debit). */
  readonly maxProfitPerUnit?: number | null;
  /** Replaces fields of the input (risk, calendar, portfolio, ivRank…) after everything else. */
  readonly overrides?: Partial<DecisionContextInput>;
}

const expiry = parseIsoDate(FIXTURE_EXPIRY);
const sign = (role: LegRole): number => (role.startsWith('short') ? 1 : -1);
const roundMicro = (value: number): number => Math.round(value * 1e6) / 1e6;

function withClose(legs: readonly FixtureLeg[], closePerShare: number | undefined): readonly FixtureLeg[] {
  if (closePerShare === undefined) return legs;
  const index = legs.findIndex((leg) => leg.role.startsWith('short'));
  const others = legs.reduce((total, leg, legIndex) => (legIndex === index ? total : total + sign(leg.role) * leg.mid), 0);
  return legs.map((leg, legIndex) => (legIndex === index ? { ...leg, mid: roundMicro(closePerShare - others) } : leg));
}

export function fixtureStrategy(options: FixtureOptions = {}): Strategy {
  const symbol = options.symbol ?? 'SPY';
  const quantity = options.quantity ?? 1;
  const entryNetPerShare = options.entryNetPerShare ?? -1.5;
  const legs = options.legs ?? IRON_CONDOR_LEGS;
  return createStrategy({
    id: options.strategyId ?? 'stg-1',
    type: options.type ?? 'IRON_CONDOR',
    underlyingSymbol: symbol,
    legs: legs.map((leg) => ({
      contract: restoreOptionContract({ underlyingSymbol: symbol, expiry, strike: leg.strike, right: leg.role.endsWith('put') ? 'put' : 'call' }),
      action: leg.role.startsWith('short') ? 'SELL' : 'BUY',
      ratio: 1,
    })),
    quantity,
    status: 'OPEN',
    entryNetPrice: entryNetPerShare,
    entryNetAmount: fromDollars(roundMicro(entryNetPerShare * 100 * quantity)),
    createdAt: 1_000,
    openedAt: 2_000,
  });
}

/** 15:00 UTC (11:00 New York) on the day that leaves `daysToExpiry` days to the fixture expiry. */
export function fixtureNow(daysToExpiry: number): { readonly now: number; readonly today: string } {
  const today = addDays(expiry, -daysToExpiry);
  return { now: Date.parse(`${today}T15:00:00Z`), today };
}

export function portfolioOf(positions: readonly PortfolioPositionInput[], netLiquidation: Money = FIXTURE_NET_LIQUIDATION): PortfolioSnapshot {
  return createPortfolioSnapshot({ netLiquidation, positions });
}

function maxProfitOf(options: FixtureOptions, quantity: number, entryNetPerShare: number): Money | undefined {
  if (options.maxProfitPerUnit === null) return undefined;
  const perUnit = options.maxProfitPerUnit ?? (entryNetPerShare < 0 ? -entryNetPerShare * 100 : 1_000 - entryNetPerShare * 100);
  return fromDollars(roundMicro(perUnit * quantity));
}

export function fixtureInput(options: FixtureOptions = {}): DecisionContextInput {
  const strategy = fixtureStrategy(options);
  const legs = withClose(options.legs ?? IRON_CONDOR_LEGS, options.closePerShare);
  const underlyingPrice = options.underlyingPrice ?? 500;
  const legMarkets: DecisionLegMarket[] = legs.map((leg) => ({ bid: Math.max(0, roundMicro(leg.mid - 0.05)), ask: roundMicro(leg.mid + 0.05), mid: leg.mid, greeks: leg.greeks, impliedVolatility: 0.18 }));
  const exposure = strategyExposure(strategy.legs.map((leg, index) => ({ ...leg, greeks: legMarkets[index]?.greeks ?? greeks(0, 0, 0, 0) })), strategy.quantity, underlyingPrice);
  const entryNetPerShare = options.entryNetPerShare ?? -1.5;
  return {
    strategy,
    legMarkets,
    maxProfit: maxProfitOf(options, strategy.quantity, entryNetPerShare),
    maxLoss: fromDollars(850 * strategy.quantity),
    underlyingPrice,
    vix: 17,
    ivRankAtEntry: 55,
    ivRankNow: 50,
    portfolio: portfolioOf([{ strategyId: strategy.id, underlyingSymbol: strategy.underlyingSymbol, greeks: exposure.greeks, atRisk: exposure.atRisk }]),
    risk: { tradingState: 'ACTIVE', flattenRequested: false },
    calendar: { ...fixtureNow(options.daysToExpiry ?? 44), rollExpiry: FIXTURE_ROLL_EXPIRY },
    rollEstimate: undefined,
    ...options.overrides,
  };
}

export function fixtureContext(options: FixtureOptions = {}): DecisionContext {
  return createDecisionContext(fixtureInput(options));
}

/** The iron condor legs with one leg changed (its Greeks merged). */
export function legsWith(role: LegRole, changes: { readonly strike?: number; readonly mid?: number; readonly greeks?: Partial<Greeks> }, legs: readonly FixtureLeg[] = IRON_CONDOR_LEGS): FixtureLeg[] {
  return legs.map((leg) => (leg.role === role ? { ...leg, ...changes, greeks: { ...leg.greeks, ...changes.greeks } } : leg));
}

/** A cash-secured short 480 put, 1.40 credit. */
export const SHORT_PUT_LEGS: readonly FixtureLeg[] = [{ role: 'short_put', strike: 480, mid: 1.4, greeks: greeks(-0.16, 0.008, -0.06, 0.45) }];

/** Evaluates one rule on a fixture context (default thresholds unless overridden). */
export function evaluateOn(rule: DecisionRule, options: FixtureOptions = {}, thresholds: Partial<DecisionThresholds> = {}): RuleEvaluation {
  return rule.evaluate(fixtureContext(options), createDecisionThresholds(thresholds));
}
