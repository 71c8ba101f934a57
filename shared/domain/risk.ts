// Risk vocabulary: trading states, limits with their defaults, the governor's state, denials.
// The checks themselves live in electron/risk; these are the shapes they share with the UI.
import { invalid } from './errors.ts';
import { fromMicros, type Money } from './money.ts';
import { requireFiniteNumber, requirePositiveInteger, requirePositiveNumber } from './validate.ts';
import type { IsoDate } from './calendar.ts';

/** ACTIVE: all allowed · REDUCING: only orders that reduce risk · HALTED: nothing new (kill switch). */
export const TRADING_STATES = ['ACTIVE', 'REDUCING', 'HALTED'] as const;
export type TradingState = (typeof TRADING_STATES)[number];

export interface RiskLimits {
  /** Halt when the day's P&L falls to −fraction × start-of-day net liquidation (0.02 = −2 %). */
  readonly dailyLossFraction: number;
  readonly maxOpenPositions: number;
  readonly maxNewPositionsPerDay: number;
  /** Maximum marginUsed / netLiquidation after the order. */
  readonly maxMarginUtilisation: number;
  /** Maximum share of net liquidation at risk in one underlying. */
  readonly maxConcentrationPerUnderlying: number;
  /** Absolute portfolio delta limit in shares-equivalent. */
  readonly maxPortfolioDelta: number;
  /** Absolute portfolio vega limit in $ per vol point. */
  readonly maxPortfolioVega: number;
  /** Fat-finger limit: contracts (or combo units) per order. */
  readonly maxContractsPerOrder: number;
  /** A limit price may differ from the reference mid by at most max(fraction × mid, minimum). */
  readonly priceCollarFraction: number;
  /** Floor of the collar in dollars per share, for cheap options where a fraction is too tight. */
  readonly priceCollarMinimum: number;
  /** An order with the same intent inside this window is a duplicate. */
  readonly duplicateWindowMs: number;
  /** Orders, modifications and cancels per second (IB allows 50 messages/s in total). */
  readonly maxOrdersPerSecond: number;
  /** Market data older than this fails closed. */
  readonly staleDataMs: number;
}

export const defaultRiskLimits: RiskLimits = Object.freeze({
  dailyLossFraction: 0.02,
  maxOpenPositions: 10,
  maxNewPositionsPerDay: 10,
  maxMarginUtilisation: 0.8,
  maxConcentrationPerUnderlying: 0.3,
  maxPortfolioDelta: 500,
  maxPortfolioVega: 1_000,
  maxContractsPerOrder: 20,
  priceCollarFraction: 0.2,
  priceCollarMinimum: 0.1,
  duplicateWindowMs: 1_000,
  maxOrdersPerSecond: 5,
  staleDataMs: 5_000,
});

function requireFraction(value: unknown, field: string): number {
  const fraction = requirePositiveNumber(value, field);
  if (fraction > 1) invalid(field, 'must be a fraction greater than 0 and at most 1', value);
  return fraction;
}

/** Defaults overridden by `overrides`, every value validated. */
export function createRiskLimits(overrides: Partial<RiskLimits> = {}): RiskLimits {
  const merged = { ...defaultRiskLimits, ...overrides };
  return Object.freeze({
    dailyLossFraction: requireFraction(merged.dailyLossFraction, 'dailyLossFraction'),
    maxOpenPositions: requirePositiveInteger(merged.maxOpenPositions, 'maxOpenPositions'),
    maxNewPositionsPerDay: requirePositiveInteger(merged.maxNewPositionsPerDay, 'maxNewPositionsPerDay'),
    maxMarginUtilisation: requireFraction(merged.maxMarginUtilisation, 'maxMarginUtilisation'),
    maxConcentrationPerUnderlying: requireFraction(merged.maxConcentrationPerUnderlying, 'maxConcentrationPerUnderlying'),
    maxPortfolioDelta: requirePositiveNumber(merged.maxPortfolioDelta, 'maxPortfolioDelta'),
    maxPortfolioVega: requirePositiveNumber(merged.maxPortfolioVega, 'maxPortfolioVega'),
    maxContractsPerOrder: requirePositiveInteger(merged.maxContractsPerOrder, 'maxContractsPerOrder'),
    priceCollarFraction: requireFraction(merged.priceCollarFraction, 'priceCollarFraction'),
    priceCollarMinimum: requirePositiveNumber(merged.priceCollarMinimum, 'priceCollarMinimum'),
    duplicateWindowMs: requirePositiveInteger(merged.duplicateWindowMs, 'duplicateWindowMs'),
    maxOrdersPerSecond: requirePositiveInteger(merged.maxOrdersPerSecond, 'maxOrdersPerSecond'),
    staleDataMs: requirePositiveInteger(merged.staleDataMs, 'staleDataMs'),
  });
}

/**
 * The day's loss limit as a negative Money amount (−2 % of 1,000,000 → −$20,000). Rounded to
 * the nearest micro-dollar: a threshold, not a booked amount.
 */
export function dailyLossLimit(startOfDayNetLiquidation: Money, dailyLossFraction: number): Money {
  const fraction = requireFraction(dailyLossFraction, 'dailyLossFraction');
  return fromMicros(-Math.round(Math.max(0, startOfDayNetLiquidation) * fraction));
}

export interface RiskState {
  readonly tradingState: TradingState;
  /** Why trading is REDUCING or HALTED; undefined when ACTIVE. */
  readonly haltReason: string | undefined;
  /** A latched halt stays until a human resets it, even if its cause clears. */
  readonly latched: boolean;
  /** The New York trading day the day counters belong to. */
  readonly tradingDay: IsoDate;
  readonly startOfDayNetLiquidation: Money;
  /** Realized + unrealized change since the start of the day. */
  readonly dailyPnl: Money;
  readonly openPositions: number;
  readonly newPositionsToday: number;
  readonly marginUtilisation: number;
  readonly portfolioDelta: number;
  readonly portfolioVega: number;
  /** Broker state reconciled since the last (re)connect: automation stays off until true. */
  readonly reconciled: boolean;
  readonly updatedAt: number;
}

export const RISK_DENIAL_CODES = [
  'TRADING_HALTED',
  'REDUCING_ONLY',
  'NOT_RECONCILED',
  'DISCONNECTED',
  'DAILY_LOSS_LIMIT',
  'MAX_OPEN_POSITIONS',
  'MAX_NEW_POSITIONS',
  'MARGIN_UTILISATION',
  'CONCENTRATION',
  'PORTFOLIO_DELTA',
  'PORTFOLIO_VEGA',
  'MAX_CONTRACTS_PER_ORDER',
  'PRICE_COLLAR',
  'NO_REFERENCE_PRICE',
  'STALE_DATA',
  'DUPLICATE_ORDER',
  'ORDER_RATE',
  'INVALID_ORDER',
] as const;
export type RiskDenialCode = (typeof RISK_DENIAL_CODES)[number];

/** Why the governor refused an order: a code for programs and a sentence for people. */
export interface RiskDenial {
  readonly code: RiskDenialCode;
  readonly reason: string;
}

/** Price collar half-width in dollars around a reference mid (see RiskLimits). */
export function priceCollarWidth(limits: Pick<RiskLimits, 'priceCollarFraction' | 'priceCollarMinimum'>, referenceMid: number): number {
  const mid = Math.abs(requireFiniteNumber(referenceMid, 'referenceMid'));
  return Math.max(limits.priceCollarFraction * mid, limits.priceCollarMinimum);
}
