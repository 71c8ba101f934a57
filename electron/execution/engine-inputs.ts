// What the execution engine's operations take. Prices are per share; a combo's limit is its net
// price per unit as bought (debit positive, credit negative).
import type { ComboLegInput } from '../../shared/domain/combo.ts';
import type { OptionContract } from '../../shared/domain/contract.ts';
import type { OrderAction, TimeInForce } from '../../shared/domain/order-types.ts';
import type { OrderPurpose, OrderTerms } from './oms-types.ts';
import type { PositionTarget } from './position-orders.ts';
import type { WalkOptions } from './price-walk.ts';

export interface CallOptions {
  /** Overrides the engine-wide dry-run flag for this call. */
  readonly dryRun?: boolean;
}

export interface PlaceOrderInput extends OrderTerms {
  /** Default 'entry'. */
  readonly purpose?: OrderPurpose;
  readonly strategyId?: string;
  readonly ocaGroup?: string;
}

export interface BracketOrderInput {
  /** The parent (a single contract); its purpose defaults to 'entry'. */
  readonly entry: PlaceOrderInput;
  /** Limit of the take-profit child (opposite side, same quantity). */
  readonly takeProfitPrice: number;
  /** Stop of the stop-loss child. */
  readonly stopLossPrice: number;
  /** When given, the stop-loss is a stop-limit with this limit. */
  readonly stopLossLimitPrice?: number;
  /** Children must rest: DAY or GTC (default: GTC when the parent is GTC, else DAY). */
  readonly childTif?: 'DAY' | 'GTC';
}

/** How a combo or position order is priced: a given limit, walking from the mid, or (for position orders only) a market order. */
export interface PricingInput {
  readonly limitPrice?: number;
  /** Walk the limit from the start (given limit or mid) toward the natural price. A single-contract order is sent at its natural price instead. */
  readonly walk?: WalkOptions;
  readonly tif?: TimeInForce;
  readonly strategyId?: string;
}

export interface ComboOrderInput extends PricingInput {
  /** The legs as bought. */
  readonly legs: readonly ComboLegInput[];
  /** Default BUY. */
  readonly action?: OrderAction;
  readonly quantity: number;
  /** Default LMT (at the given limit, else at the mid). */
  readonly type?: 'LMT' | 'MKT';
  readonly purpose?: OrderPurpose;
}

export interface ClosePositionInput extends PricingInput {
  readonly target: PositionTarget;
}

export interface RollPositionInput extends PricingInput {
  /** The open legs to close (whole positions, or a strategy's legs). */
  readonly close: PositionTarget;
  /** The legs to open, per unit, as bought. */
  readonly open: readonly { readonly contract: OptionContract; readonly action: OrderAction; readonly ratio: number }[];
  /** Units of the new legs (default: the closed position's units). */
  readonly quantity?: number;
  /** Refuse (before sending anything) a roll whose net price is not a credit; a walk then never goes above a one-cent credit. */
  readonly requireCredit?: boolean;
}

export interface ReducePositionInput extends PricingInput {
  readonly target: PositionTarget;
  /** Units to close on every leg in proportion (contracts for a single leg). */
  readonly quantity: number;
}
