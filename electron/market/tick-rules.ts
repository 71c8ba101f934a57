// Minimum price increments of option quotes:
// - 'penny': $0.01 at every price (SPY, QQQ, IWM trade in pennies throughout);
// - 'penny-pilot': $0.01 under $3, $0.05 at $3 and above (the Penny Interval Program, AAPL, TSLA);
// - 'nickel-dime': $0.05 under $3, $0.10 at $3 and above (classes outside the program).
// Bids round down and asks round up to a valid price, so rounding never narrows a spread.
// Arithmetic is in whole cents so results are exact cent values (3.05, never 3.0500000000000003).
import type { TickRule } from './market-config.ts';

const BREAK_CENTS = 300;
/** Absorbs binary rounding of x·100 (2.3 · 100 = 229.99999999999997). */
const EPSILON = 1e-7;

const ticksByRule: Readonly<Record<TickRule, { readonly below: number; readonly above: number }>> = {
  penny: { below: 1, above: 1 },
  'penny-pilot': { below: 1, above: 5 },
  'nickel-dime': { below: 5, above: 10 },
};

function ticksInCents(rule: TickRule): { readonly below: number; readonly above: number } {
  return ticksByRule[rule];
}

/** The tick in dollars at `price` (the tick above the break applies from $3.00). */
export function tickSize(rule: TickRule, price: number): number {
  const ticks = ticksInCents(rule);
  return (price * 100 >= BREAK_CENTS - EPSILON ? ticks.above : ticks.below) / 100;
}

/** The highest valid price ≤ `price` (0 for anything below one tick). */
export function floorToTick(rule: TickRule, price: number): number {
  if (!(price > 0)) return 0;
  const cents = price * 100;
  const ticks = ticksInCents(rule);
  const tick = cents >= BREAK_CENTS - EPSILON ? ticks.above : ticks.below;
  return (Math.floor(cents / tick + EPSILON) * tick) / 100;
}

/** The lowest valid price ≥ `price`, and at least one tick. */
export function ceilToTick(rule: TickRule, price: number): number {
  const ticks = ticksInCents(rule);
  const cents = price > 0 ? price * 100 : 0;
  const tick = cents > BREAK_CENTS + EPSILON ? ticks.above : ticks.below;
  const rounded = Math.ceil(cents / tick - EPSILON) * tick;
  return (rounded < ticks.below ? ticks.below : rounded) / 100;
}
