// Pricing an order shape for the engine: a given limit, the mid (to walk from), the natural
// price (a single contract asked to walk: a marketable limit, since cent steps may be off its
// tick grid), or a market order. A credit requirement is checked here, before anything is sent.
import { instrumentKey } from '../../shared/domain/instrument.ts';
import { actionSign, type OrderType } from '../../shared/domain/order-types.ts';
import { orderPrices, type QuoteSource } from './combo-pricing.ts';
import type { PricingInput } from './engine-inputs.ts';
import type { OrderTerms } from './oms-types.ts';
import type { OrderShape } from './position-orders.ts';
import { planWalk, validateWalkOptions, type WalkOptions, type WalkPlan } from './price-walk.ts';

export interface PricingRequest extends PricingInput {
  /** LMT: needs a limit (given or from quotes). MKT: refuses a limit. Undefined: LMT when a limit or walk is given, else MKT. */
  readonly type?: Extract<OrderType, 'LMT' | 'MKT'>;
  readonly requireCredit?: boolean;
}

export interface PricedOrder {
  readonly terms: OrderTerms;
  readonly walk: { readonly plan: WalkPlan; readonly natural: number; readonly options: WalkOptions } | undefined;
}

/** The smallest credit a credit-required walk may reach. */
export const REQUIRED_MINIMUM_CREDIT = 0.01;

export function priceOrder(shape: OrderShape, request: PricingRequest, quotes: QuoteSource): PricedOrder | string {
  const { instrument, action, quantity } = shape;
  const tif = request.tif ?? 'DAY';
  const walkError = request.walk === undefined ? undefined : validateWalkOptions(request.walk);
  if (walkError !== undefined) return walkError;
  const type = request.type ?? (request.limitPrice !== undefined || request.walk !== undefined || request.requireCredit === true ? 'LMT' : 'MKT');
  if (type === 'MKT') {
    if (request.limitPrice !== undefined || request.walk !== undefined) return 'a market order takes no limit price and no walk';
    if (request.requireCredit === true) return 'requireCredit needs a limit price or a walk: a market order cannot promise a credit; nothing was sent';
    return { terms: { instrument, action, quantity, type, tif }, walk: undefined };
  }
  const prices = orderPrices(instrument, action, quotes);
  const isCombo = instrument.kind === 'combo';
  const limitPrice = request.limitPrice ?? (prices === undefined ? undefined : isCombo ? prices.mid : prices.natural);
  if (limitPrice === undefined) return `there is no two-sided quote for every leg of ${instrumentKey(instrument)}; give a limitPrice`;
  if (request.requireCredit === true && !(actionSign(action) * limitPrice < 0)) {
    return `requireCredit: the net price ${limitPrice} is not a credit (debit positive, credit negative); nothing was sent`;
  }
  const terms: OrderTerms = { instrument, action, quantity, type, tif, limitPrice };
  if (request.walk === undefined || !isCombo) return { terms, walk: undefined };
  if (prices === undefined) return `there is no two-sided quote for every leg of ${instrumentKey(instrument)} to walk toward`;
  const minimumCredit = request.requireCredit === true ? Math.max(request.walk.minimumCredit ?? 0, REQUIRED_MINIMUM_CREDIT) : request.walk.minimumCredit;
  const options: WalkOptions = { ...request.walk, minimumCredit };
  return { terms, walk: { plan: planWalk({ action, start: limitPrice, natural: prices.natural, options }), natural: prices.natural, options } };
}
