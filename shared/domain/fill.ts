// A fill (IB execution): one per execution id. Combos fill per leg: each leg execution carries
// the leg's own contract and its index in the combo (see combo-fill.ts for grouping them).
import { invalid } from './errors.ts';
import { contractMultiplier, restoreContract, type Contract } from './contract.ts';
import { parseClientOrderRef, parseExecutionId, parseOrderId, type ClientOrderRef, type ExecutionId, type OrderId } from './ids.ts';
import { divideByInteger, parseNonNegativeMoney, priceValue, sum, toDollars, type Money } from './money.ts';
import { actionSign, ORDER_ACTIONS, type OrderAction } from './order-types.ts';
import { optional, requireEpochMillis, requireNonNegativeInteger, requireNonNegativePrice, requireOneOf, requirePositiveInteger } from './validate.ts';

export interface Fill {
  /** The broker's execution id: unique; a repeated id is the same execution (deduplicate on it). */
  readonly id: ExecutionId;
  readonly orderId: OrderId;
  readonly clientOrderRef: ClientOrderRef;
  /** What was actually traded: for a combo, the leg's own contract. */
  readonly contract: Contract;
  /** Index of the leg in the combo order; undefined for a single-contract order. */
  readonly legIndex: number | undefined;
  readonly action: OrderAction;
  readonly quantity: number;
  /** Per-share execution price in dollars. */
  readonly price: number;
  /**
   * Commission in Money, ≥ 0. IB reports it separately and sometimes later than the execution:
   * use ZERO_MONEY until it arrives and then book the report with applyCommission (position.ts).
   */
  readonly commission: Money;
  /** Execution time, epoch milliseconds. */
  readonly time: number;
}

export interface FillInput {
  readonly id: string;
  readonly orderId: string;
  readonly clientOrderRef: string;
  readonly contract: Contract;
  readonly legIndex?: number | undefined;
  readonly action: OrderAction;
  readonly quantity: number;
  readonly price: number;
  readonly commission: Money;
  readonly time: number;
}

/** Validates a fill (new or stored: fills carry no time check beyond a valid timestamp). */
export function createFill(input: FillInput): Fill {
  return Object.freeze({
    id: parseExecutionId(input.id, 'id'),
    orderId: parseOrderId(input.orderId, 'orderId'),
    clientOrderRef: parseClientOrderRef(input.clientOrderRef),
    contract: restoreContract(input.contract, 'contract'),
    legIndex: optional(input.legIndex, 'legIndex', requireNonNegativeInteger),
    action: requireOneOf(input.action, ORDER_ACTIONS, 'action'),
    quantity: requirePositiveInteger(input.quantity, 'quantity'),
    price: requireNonNegativePrice(input.price, 'price'),
    commission: parseNonNegativeMoney(input.commission, 'commission'),
    time: requireEpochMillis(input.time, 'time'),
  });
}

/** price × quantity × multiplier, exact in Money (always positive; the action gives the direction). */
export function fillValue(fill: Pick<Fill, 'price' | 'quantity' | 'contract'>): Money {
  return priceValue(fill.price, fill.quantity, contractMultiplier(fill.contract));
}

/** +quantity for BUY, −quantity for SELL. */
export function signedFillQuantity(fill: Pick<Fill, 'action' | 'quantity'>): number {
  return actionSign(fill.action) * fill.quantity;
}

/**
 * Quantity-weighted average per-share price of fills, computed in integer micro-dollars and
 * rounded half to even at the micro-dollar. Throws for an empty list.
 */
export function averageFillPrice(fills: readonly Pick<Fill, 'price' | 'quantity'>[]): number {
  if (fills.length === 0) invalid('fills', 'must not be empty', fills);
  const total = sum(fills.map((fill) => priceValue(fill.price, fill.quantity)));
  const quantity = fills.reduce((count, fill) => count + fill.quantity, 0);
  return toDollars(divideByInteger(total, quantity));
}

/** Total commission of fills. */
export function totalCommission(fills: readonly Pick<Fill, 'commission'>[]): Money {
  return sum(fills.map((fill) => fill.commission));
}
