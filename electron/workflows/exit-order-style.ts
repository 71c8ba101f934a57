// A decision's urgency as the pricing of its exit order (the execution engine's PricingInput):
// - LIMIT_AT_MID: a limit at the mid;
// - WALKING_LIMIT: a combo walks from the mid toward the natural price (the configured walk);
// - MARKETABLE: a market order, or a limit at the natural price (exit.marketable).
// A single contract (a short put's one leg) cannot walk: it is sent at its natural price for
// WALKING_LIMIT, and every single-contract limit is put on the option tick grid ($0.01 below $3,
// $0.05 from $3) — toward the fill for a marketable price, in our favour for the mid.
// A roll always asks for a credit (requireCredit), so it is a limit: at the mid (the engine's
// default for a credit), walking, or at the natural price for MARKETABLE.
import type { Urgency } from '../../shared/domain/decision.ts';
import type { OrderAction } from '../../shared/domain/order-types.ts';
import { orderPrices, type QuoteSource } from '../execution/combo-pricing.ts';
import type { PricingInput } from '../execution/engine-inputs.ts';
import { orderShapeFor, type TradeLeg } from '../execution/position-orders.ts';
import type { ExitConfig } from './workflow-config.ts';

const NICKEL_FROM_CENTS = 300;

/** A single option's limit on the tick grid: 'up' rounds to the next valid price at or above, 'down' at or below. */
export function optionLimitOnGrid(price: number, direction: 'up' | 'down'): number {
  const cents = Math.round(price * 1e6) / 1e4;
  const tick = cents >= NICKEL_FROM_CENTS ? 5 : 1;
  const rounded = direction === 'up' ? Math.ceil(cents / tick - 1e-9) * tick : Math.floor(cents / tick + 1e-9) * tick;
  // Rounding up across $3.00 lands on the nickel grid already (300 is a multiple of 5).
  return Math.max(rounded, 1) / 100;
}

/** Toward the fill: a buyer pays up, a seller gives down. */
const marketableDirection = (action: OrderAction): 'up' | 'down' => (action === 'BUY' ? 'up' : 'down');
/** In our favour: a buyer bids lower, a seller asks higher. */
const favourableDirection = (action: OrderAction): 'up' | 'down' => (action === 'BUY' ? 'down' : 'up');

/** The pricing of an order trading `legs` (closing or reducing) at `urgency`, or why it cannot be priced. */
export function exitPricing(legs: readonly TradeLeg[], urgency: Urgency, config: Pick<ExitConfig, 'walk' | 'marketable'>, quotes: QuoteSource): PricingInput | string {
  if (urgency === 'MARKETABLE' && config.marketable === 'market') return {};
  const shape = orderShapeFor(legs);
  if (typeof shape === 'string') return shape;
  const prices = orderPrices(shape.instrument, shape.action, quotes);
  if (prices === undefined) return 'there is no two-sided quote for every leg to price the exit';
  if (shape.instrument.kind === 'combo') {
    if (urgency === 'WALKING_LIMIT') return { walk: config.walk };
    return { limitPrice: urgency === 'LIMIT_AT_MID' ? prices.mid : prices.natural };
  }
  if (urgency === 'LIMIT_AT_MID') return { limitPrice: optionLimitOnGrid(prices.mid, favourableDirection(shape.action)) };
  return { limitPrice: optionLimitOnGrid(prices.natural, marketableDirection(shape.action)) };
}

/** The pricing of a roll (closing `legs` and opening the new ones in one combo) at `urgency`; always credit-only. */
export function rollPricing(legs: readonly TradeLeg[], urgency: Urgency, config: Pick<ExitConfig, 'walk'>, quotes: QuoteSource): PricingInput & { readonly requireCredit: true } | string {
  if (urgency === 'LIMIT_AT_MID') return { requireCredit: true };
  if (urgency === 'WALKING_LIMIT') return { requireCredit: true, walk: config.walk };
  const shape = orderShapeFor(legs);
  if (typeof shape === 'string') return shape;
  const prices = orderPrices(shape.instrument, shape.action, quotes);
  return prices === undefined ? 'there is no two-sided quote for every leg to price the roll' : { requireCredit: true, limitPrice: prices.natural };
}
