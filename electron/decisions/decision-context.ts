// The immutable snapshot the decision rules read about one open strategy: its legs with quotes
// and Greeks, P&L, time to expiry, the underlying, volatility, the shared portfolio facts, the
// risk state and the calendar. The monitoring workflow builds one per strategy per cycle with
// createDecisionContext, which validates every number (no NaN reaches a rule) and derives the
// rest (P&L, fractions, days to expiry, position Greeks), then freezes it all.
//
// Units. Money fields are integer micro-dollars (shared/domain/money.ts) over ALL units of the
// strategy, signed like Strategy.entryNetAmount: paid (+), received (−). Per-share prices, strikes
// and the underlying are dollars. Per-leg Greeks are per share of one option; position Greeks are
// per-share × signed contracts × multiplier (shared/domain/greeks.ts: delta shares-equivalent,
// gamma shares per $1 move, theta $ per calendar day, vega $ per vol point). IV is annualised
// (0.2 = 20 %); IV rank and VIX are points. Days are whole calendar days between New York dates.
import type { IsoDate } from '../../shared/domain/calendar.ts';
import type { OptionContract } from '../../shared/domain/contract.ts';
import type { Greeks } from '../../shared/domain/greeks.ts';
import type { StrategyId } from '../../shared/domain/ids.ts';
import type { Money } from '../../shared/domain/money.ts';
import type { OrderAction } from '../../shared/domain/order-types.ts';
import type { TradingState } from '../../shared/domain/risk.ts';
import type { LegRole, Strategy, StrategyType } from '../../shared/domain/strategy.ts';
import { buildDecisionContext } from './decision-context-builder.ts';
export { isDecisionContext } from './decision-context-builder.ts';
import type { PortfolioSnapshot } from './portfolio-snapshot.ts';

/** One leg's market, in the leg order of the strategy. An OptionQuote of electron/market fits. */
export interface DecisionLegMarket {
  readonly bid: number;
  readonly ask: number;
  /** Default (bid + ask) / 2. */
  readonly mid?: number | undefined;
  /** Per share of one option. */
  readonly greeks: Greeks;
  readonly impliedVolatility?: number | undefined;
}

/**
 * Estimated per-share net price, per strategy unit, of a roll to `calendar.rollExpiry` at the mids:
 * credit positive, debit negative; undefined when the workflow could not price it.
 */
export interface RollEstimateInput {
  /** Every leg to the roll expiry at the same strikes (R09). */
  readonly sameStrikes?: number | undefined;
  /** The put side to the roll expiry, its short strike at −rollTargetDelta (R06, R07). */
  readonly put?: number | undefined;
  /** The call side to the roll expiry, its short strike at +rollTargetDelta (R06, R07). */
  readonly call?: number | undefined;
}

export interface DecisionContextInput {
  /** An OPEN (or CLOSING) strategy with its entry amount for its current quantity. */
  readonly strategy: Strategy;
  readonly legMarkets: readonly DecisionLegMarket[];
  /** Over all units (> 0); undefined when unlimited or unknown. */
  readonly maxProfit: Money | undefined;
  /** Over all units, as a positive amount (≥ 0); undefined when unlimited or unknown. */
  readonly maxLoss: Money | undefined;
  readonly underlyingPrice: number;
  readonly vix: number;
  /** IV rank (0–100) of the underlying when the strategy was opened; undefined when unknown. */
  readonly ivRankAtEntry: number | undefined;
  readonly ivRankNow: number;
  /** The cycle's shared portfolio facts, built with this strategy among its positions. */
  readonly portfolio: PortfolioSnapshot;
  readonly risk: { readonly tradingState: TradingState; readonly flattenRequested: boolean };
  readonly calendar: {
    /** Epoch milliseconds of the snapshot. */
    readonly now: number;
    /** The New York date at `now`; computed when absent (pass it once per cycle to save the conversion). */
    readonly today?: string | undefined;
    /** The next monthly expiry available for rolls (after every leg's expiry); undefined: none listed. */
    readonly rollExpiry?: string | undefined;
  };
  readonly rollEstimate?: RollEstimateInput | undefined;
}

export interface DecisionLeg {
  readonly contract: OptionContract;
  readonly action: OrderAction;
  readonly role: LegRole;
  readonly isShort: boolean;
  /** Contracts per strategy unit. */
  readonly ratio: number;
  /** Per-share entry fill price, when known. */
  readonly entryPrice: number | undefined;
  readonly bid: number;
  readonly ask: number;
  readonly mid: number;
  /** Per share of one option, not signed by our side. */
  readonly greeks: Greeks;
  readonly impliedVolatility: number | undefined;
}

export interface RollEstimate {
  readonly sameStrikes: number | undefined;
  readonly put: number | undefined;
  readonly call: number | undefined;
}

export interface DecisionContext {
  readonly strategyId: StrategyId;
  readonly strategyType: StrategyType;
  readonly underlyingSymbol: string;
  readonly legs: readonly DecisionLeg[];
  /** Strategy units. */
  readonly quantity: number;
  /** Paid (+) or received (−) at entry. */
  readonly entryNetAmount: Money;
  /** Opened for a net credit (a premium seller). */
  readonly isCredit: boolean;
  /** Credit received (≥ 0; 0 for a debit). */
  readonly entryCredit: Money;
  /** What closing every leg at its mid would pay (+) or receive (−) now. */
  readonly closeNetAmount: Money;
  /** −entryNetAmount − closeNetAmount: profit (+) or loss (−), commissions excluded. */
  readonly pnl: Money;
  /** pnl / entryCredit; undefined for a debit. */
  readonly pnlFractionOfCredit: number | undefined;
  /** pnl / maxProfit; undefined when max profit is unknown. */
  readonly pnlFractionOfMaxProfit: number | undefined;
  readonly maxProfit: Money | undefined;
  readonly maxLoss: Money | undefined;
  /** The nearest leg expiry. */
  readonly expiry: IsoDate;
  /** Calendar days from today (New York) to `expiry`, ≥ 0 (0 on expiry day). */
  readonly daysToExpiry: number;
  readonly underlyingPrice: number;
  readonly vix: number;
  readonly ivRankAtEntry: number | undefined;
  readonly ivRankNow: number;
  /** Position Greeks over all units. */
  readonly greeks: Greeks;
  /** Gross delta dollars at risk (strategy-exposure.ts). */
  readonly atRisk: number;
  readonly portfolio: PortfolioSnapshot;
  readonly risk: { readonly tradingState: TradingState; readonly flattenRequested: boolean };
  readonly calendar: { readonly now: number; readonly today: IsoDate; readonly rollExpiry: IsoDate | undefined };
  readonly rollEstimate: RollEstimate;
}

/** Validates `input` (errors name the field) and returns the frozen snapshot. */
export function createDecisionContext(input: DecisionContextInput): DecisionContext {
  return buildDecisionContext(input);
}
