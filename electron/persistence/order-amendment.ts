// Amending the terms of a stored order (a modify the broker took): limit, stop, trail, limit
// offset, time in force, quantity. One pure function, applied by TradingStore.recordOrderAmended
// when writing and by the journal replay (journal/state-replay.ts) when rebuilding, so the two
// cannot disagree. The domain decides what is valid: the price fields must stay consistent with
// the order type (validateOrderPriceFields via restoreOrder), the quantity must stay above what
// has already filled, and a final order is never amended. Status and fills are untouched.
import { invalid } from '../../shared/domain/errors.ts';
import { isFinalStatus } from '../../shared/domain/order-status.ts';
import { restoreOrder, type Order } from '../../shared/domain/order.ts';
import { TIME_IN_FORCES, type TimeInForce } from '../../shared/domain/order-types.ts';
import { requireOneOf, requirePositiveInteger } from '../../shared/domain/validate.ts';

/** New values for some of an order's terms; a field left undefined keeps its value. */
export interface OrderAmendment {
  readonly limitPrice?: number | undefined;
  readonly stopPrice?: number | undefined;
  readonly trailingAmount?: number | undefined;
  readonly trailingPercent?: number | undefined;
  readonly limitOffset?: number | undefined;
  /** The new total quantity (filled included): above the filled quantity. */
  readonly quantity?: number | undefined;
  readonly tif?: TimeInForce | undefined;
}

export const ORDER_AMENDMENT_FIELDS = ['limitPrice', 'stopPrice', 'trailingAmount', 'trailingPercent', 'limitOffset', 'quantity', 'tif'] as const;
type AmendmentField = (typeof ORDER_AMENDMENT_FIELDS)[number];

export type AmendmentOutcome =
  /** The order with its new terms (updatedAt moved to `time`, never backwards). */
  | { readonly changed: true; readonly order: Order; readonly changes: OrderAmendment }
  /** Every given value equals the current one: nothing to record. */
  | { readonly changed: false; readonly order: Order };

/**
 * The defined fields of `changes` (undefined ones dropped). Throws a DomainValidationError for
 * something that is not an object, an unknown field, or no field at all.
 */
export function definedAmendment(changes: OrderAmendment): OrderAmendment {
  if (typeof changes !== 'object' || changes === null || Array.isArray(changes)) invalid('changes', 'must be an object of new order terms', changes);
  const given: Partial<Record<AmendmentField, unknown>> = {};
  for (const [field, value] of Object.entries(changes)) {
    if (!(ORDER_AMENDMENT_FIELDS as readonly string[]).includes(field)) invalid(`changes.${field}`, `is not an amendable term (amendable: ${ORDER_AMENDMENT_FIELDS.join(', ')})`, value);
    if (value !== undefined) given[field as AmendmentField] = value;
  }
  if (Object.keys(given).length === 0) invalid('changes', `must give at least one of ${ORDER_AMENDMENT_FIELDS.join(', ')}`, changes);
  return given as OrderAmendment;
}

/** Applies `changes` to `order` at `time`. Throws a DomainValidationError naming the field when the amendment is not allowed. */
export function applyAmendment(order: Order, changes: OrderAmendment, time: number): AmendmentOutcome {
  const given = definedAmendment(changes);
  if (isFinalStatus(order.status)) invalid('status', `must not be final to amend order '${order.id}' (a final order keeps its terms)`, order.status);
  const quantity = given.quantity === undefined ? order.quantity : requirePositiveInteger(given.quantity, 'quantity');
  if (quantity <= order.filledQuantity) {
    invalid('quantity', `must be above the ${order.filledQuantity} already filled on order '${order.id}' (to keep only what filled, cancel the rest)`, quantity);
  }
  const tif = given.tif === undefined ? order.tif : requireOneOf(given.tif, TIME_IN_FORCES, 'tif');
  const candidate = restoreOrder({ ...order, ...given, quantity, tif, updatedAt: Math.max(order.updatedAt, time) });
  if (ORDER_AMENDMENT_FIELDS.every((field) => candidate[field] === order[field])) return { changed: false, order };
  return { changed: true, order: candidate, changes: given };
}
