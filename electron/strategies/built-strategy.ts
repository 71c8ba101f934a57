// What a builder returns: the legs priced at their mids at build time, the net price in the
// execution engine's combo convention, the analytics, and the capital it ties up.
//
// Sign convention (the one of shared/domain/combo.ts and the execution engine's combo limit):
// netPrice is per share per strategy unit with the legs as bought, debit positive and credit
// negative; netAmount is the same for the whole position in Money (× multiplier × quantity).
import type { Greeks, IsoDate, Money, StrategyLeg, StrategyType } from '../../shared/domain/index.ts';
import type { ExpiryProfile } from './expiry-profile.ts';
import type { PayoffChart } from './payoff-chart.ts';

export interface BuiltLeg extends StrategyLeg {
  /** The leg's mid at build time, rounded to the micro-dollar (per share). */
  readonly entryPrice: number;
  readonly bid: number;
  readonly ask: number;
  readonly impliedVolatility: number;
  /** Per share, as quoted (see shared/domain/greeks.ts for units). */
  readonly greeks: Greeks;
  readonly yearsToExpiry: number;
}

export interface StrategyAnalytics extends ExpiryProfile {
  /** P&L at expiry and today over a price range (see payoff-chart.ts). */
  readonly payoff: PayoffChart;
  /** Position Greeks of the whole strategy (per-share × signed contracts × multiplier). */
  readonly greeks: Greeks;
}

export interface BuiltStrategy {
  readonly type: StrategyType;
  readonly underlyingSymbol: string;
  /** The one expiry of the legs; undefined for a custom strategy over several expiries. */
  readonly expiry: IsoDate | undefined;
  /** Distinct expiries of the legs, earliest first. */
  readonly expiries: readonly IsoDate[];
  /** In ascending strike order for the named types; as given for CUSTOM. */
  readonly legs: readonly BuiltLeg[];
  readonly quantity: number;
  /** Per share per unit at the mids: debit positive, credit negative (the combo limit price). */
  readonly netPrice: number;
  /** Whole position at the mids: debit positive, credit negative. */
  readonly netAmount: Money;
  readonly underlyingPrice: number;
  /** The market instant of the quotes used. */
  readonly builtAt: number;
  readonly analytics: StrategyAnalytics;
  /** Capital the strategy ties up (see margin-requirement.ts). */
  readonly marginRequirement: Money;
  /** Buying power available when it was built (≥ marginRequirement). */
  readonly buyingPower: Money;
}

/** A built strategy before its margin requirement is known: what a margin function sees. */
export type StrategyDraft = Omit<BuiltStrategy, 'marginRequirement' | 'buyingPower'>;

/** The structures that must be opened for a credit (net price < 0) and those for a debit (> 0). */
export const CREDIT_STRATEGY_TYPES: readonly StrategyType[] = ['IRON_CONDOR', 'BULL_PUT', 'BEAR_CALL', 'SHORT_PUT'];
export const DEBIT_STRATEGY_TYPES: readonly StrategyType[] = ['BULL_CALL', 'BEAR_PUT'];
