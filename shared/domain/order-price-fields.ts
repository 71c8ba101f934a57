// Which price fields each order type needs. One table, so "LMT needs a limit, MKT has none"
// lives in one place; errors name the field, the order type and the bad value.
import { invalid } from './errors.ts';
import type { OrderType } from './order-types.ts';
import { requireFiniteNumber, requireNonNegativePrice, requirePositiveNumber } from './validate.ts';

export interface OrderPriceFields {
  /** Per-share limit in dollars; for a combo the net price per unit (negative = credit). */
  readonly limitPrice: number | undefined;
  /** Stop trigger (STP, STP_LMT); for TRAIL / TRAIL_LIMIT the optional initial stop. */
  readonly stopPrice: number | undefined;
  /** Trail distance in dollars (TRAIL, TRAIL_LIMIT), exclusive with trailingPercent. */
  readonly trailingAmount: number | undefined;
  /** Trail distance in percent, 0 < p < 100 (TRAIL, TRAIL_LIMIT), exclusive with trailingAmount. */
  readonly trailingPercent: number | undefined;
  /** TRAIL_LIMIT: distance of the limit from the trailing stop, in dollars (IB lmtPriceOffset). */
  readonly limitOffset: number | undefined;
}

type Need = 'required' | 'optional' | 'forbidden';
type FieldNeeds = Readonly<Record<'limitPrice' | 'stopPrice' | 'trail' | 'limitOffset', Need>>;

const needsByType: Readonly<Record<OrderType, FieldNeeds>> = {
  MKT: { limitPrice: 'forbidden', stopPrice: 'forbidden', trail: 'forbidden', limitOffset: 'forbidden' },
  LMT: { limitPrice: 'required', stopPrice: 'forbidden', trail: 'forbidden', limitOffset: 'forbidden' },
  STP: { limitPrice: 'forbidden', stopPrice: 'required', trail: 'forbidden', limitOffset: 'forbidden' },
  STP_LMT: { limitPrice: 'required', stopPrice: 'required', trail: 'forbidden', limitOffset: 'forbidden' },
  TRAIL: { limitPrice: 'forbidden', stopPrice: 'optional', trail: 'required', limitOffset: 'forbidden' },
  TRAIL_LIMIT: { limitPrice: 'forbidden', stopPrice: 'optional', trail: 'required', limitOffset: 'required' },
};

/** Combos (IB BAG orders) trade as MKT or LMT only: stops and trails on spreads are not supported alike everywhere. */
export const COMBO_ORDER_TYPES: readonly OrderType[] = ['MKT', 'LMT'];

function checkPresence(value: unknown, need: Need, field: string, type: OrderType): boolean {
  if (need === 'forbidden' && value !== undefined) invalid(field, `must be absent for a ${type} order`, value);
  if (need === 'required' && value === undefined) invalid(field, `is required for a ${type} order`, value);
  return value !== undefined;
}

function validateTrail(fields: OrderPriceFields, need: Need, type: OrderType): Pick<OrderPriceFields, 'trailingAmount' | 'trailingPercent'> {
  const { trailingAmount, trailingPercent } = fields;
  if (need === 'forbidden') {
    checkPresence(trailingAmount, 'forbidden', 'trailingAmount', type);
    checkPresence(trailingPercent, 'forbidden', 'trailingPercent', type);
    return { trailingAmount: undefined, trailingPercent: undefined };
  }
  if (trailingAmount === undefined && trailingPercent === undefined) {
    invalid('trailingAmount', `or trailingPercent is required for a ${type} order`, undefined);
  }
  if (trailingAmount !== undefined && trailingPercent !== undefined) {
    invalid('trailingPercent', `must be absent when trailingAmount is set (a ${type} order takes one of them; trailingAmount is ${trailingAmount})`, trailingPercent);
  }
  if (trailingPercent !== undefined && (requirePositiveNumber(trailingPercent, 'trailingPercent') >= 100)) {
    invalid('trailingPercent', 'must be greater than 0 and less than 100', trailingPercent);
  }
  return {
    trailingAmount: trailingAmount === undefined ? undefined : requirePositiveNumber(trailingAmount, 'trailingAmount'),
    trailingPercent,
  };
}

/** Validates and returns the price fields of an order of `type`; `isCombo` allows a negative (credit) limit. */
export function validateOrderPriceFields(type: OrderType, fields: OrderPriceFields, isCombo: boolean): OrderPriceFields {
  if (isCombo && !COMBO_ORDER_TYPES.includes(type)) invalid('type', `must be one of ${COMBO_ORDER_TYPES.join(', ')} for a combo order`, type);
  const needs = needsByType[type];
  const limitPrice = checkPresence(fields.limitPrice, needs.limitPrice, 'limitPrice', type)
    ? isCombo
      ? requireFiniteNumber(fields.limitPrice, 'limitPrice')
      : requireNonNegativePrice(fields.limitPrice, 'limitPrice')
    : undefined;
  const stopPrice = checkPresence(fields.stopPrice, needs.stopPrice, 'stopPrice', type)
    ? requireNonNegativePrice(fields.stopPrice, 'stopPrice')
    : undefined;
  const limitOffset = checkPresence(fields.limitOffset, needs.limitOffset, 'limitOffset', type)
    ? requireNonNegativePrice(fields.limitOffset, 'limitOffset')
    : undefined;
  return { limitPrice, stopPrice, ...validateTrail(fields, needs.trail, type), limitOffset };
}
