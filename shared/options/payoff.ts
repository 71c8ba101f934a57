// Profit and loss of a strategy (a list of legs) over a range of underlying prices, for charts.
//
// Sign convention: `quantity` is signed, positive for a long leg (bought: `entryPrice` was paid)
// and negative for a short leg (sold: `entryPrice` was received). `entryPrice` is the price per
// share (per unit of underlying), always ≥ 0, and `multiplier` the shares per contract (100 for
// US equity options, 1 for shares). A leg's P&L in money is
//   quantity × multiplier × (value − entryPrice),
// so a positive result is a profit. The value of an option leg is its intrinsic value at expiry
// and its Black-Scholes-Merton value before; the value of an 'underlying' leg is the price.
import { priceOption } from './black-scholes.ts';

export type PayoffOptionLeg = {
  right: 'call' | 'put';
  strike: number;
  /** Signed number of contracts: + long, − short. */
  quantity: number;
  multiplier: number;
  /** Premium per share paid (long) or received (short), ≥ 0. */
  entryPrice: number;
  /** Volatility used for this leg's value before expiry. */
  volatility: number;
  /** Years from now to this leg's expiry. */
  years: number;
};

/** Shares (or any linear holding) of the underlying; option-only fields are ignored. */
export type PayoffUnderlyingLeg = {
  right: 'underlying';
  /** Signed number of units: + long, − short. */
  quantity: number;
  multiplier: number;
  /** Price per share at which the position was opened. */
  entryPrice: number;
  strike?: number;
  volatility?: number;
  years?: number;
};

export type PayoffLeg = PayoffOptionLeg | PayoffUnderlyingLeg;

/**
 * The market for the before-expiry ("today") curve: `years` is the time from now to the date the
 * curve shows (0 = now), so each option leg is valued with max(leg.years − years, 0) left; rates
 * are continuously compounded decimals as in `OptionInput`.
 */
export type PayoffMarket = { years: number; rate: number; dividendYield: number };

/** `steps` equal intervals from `from` to `to`, so steps + 1 points. */
export type PayoffRange = { from: number; to: number; steps: number };

export type PayoffPoint = {
  underlyingPrice: number;
  /** P&L with every leg at its own expiry (intrinsic value). */
  atExpiry: number;
  /** P&L at the market's `years` from now, each leg at its Black-Scholes-Merton value. */
  today: number;
};

const MAX_STEPS = 100_000;

function fail(message: string): never {
  throw new RangeError(`invalid payoff input: ${message}`);
}

function assertValidLeg(leg: PayoffLeg, index: number): void {
  const where = `leg ${index} (${String(leg.right)})`;
  if (leg.right !== 'call' && leg.right !== 'put' && leg.right !== 'underlying') fail(`${where}: right must be 'call', 'put' or 'underlying'`);
  if (!Number.isFinite(leg.quantity)) fail(`${where}: quantity must be a finite number, got ${leg.quantity}`);
  if (!(leg.multiplier > 0 && leg.multiplier < Infinity)) fail(`${where}: multiplier must be a positive number, got ${leg.multiplier}`);
  if (!(leg.entryPrice >= 0 && leg.entryPrice < Infinity)) fail(`${where}: entryPrice must be a finite number ≥ 0, got ${leg.entryPrice}`);
  if (leg.right === 'underlying') return;
  if (!(leg.strike > 0 && leg.strike < Infinity)) fail(`${where}: strike must be a positive number, got ${leg.strike}`);
  if (!(leg.volatility >= 0 && leg.volatility < Infinity)) fail(`${where}: volatility must be a finite number ≥ 0, got ${leg.volatility}`);
  if (!(leg.years >= 0 && leg.years < Infinity)) fail(`${where}: years must be a finite number ≥ 0, got ${leg.years}`);
}

function assertValidPrice(underlyingPrice: number, minimum: 'zero' | 'positive'): void {
  const valid = minimum === 'zero' ? underlyingPrice >= 0 : underlyingPrice > 0;
  if (!(valid && underlyingPrice < Infinity)) fail(`underlying price must be a finite number ${minimum === 'zero' ? '≥ 0' : '> 0'}, got ${underlyingPrice}`);
}

function assertValidMarket(market: PayoffMarket): void {
  if (!(market.years >= 0 && market.years < Infinity)) fail(`market years must be a finite number ≥ 0, got ${market.years}`);
  if (!Number.isFinite(market.rate)) fail(`market rate must be a finite number, got ${market.rate}`);
  if (!Number.isFinite(market.dividendYield)) fail(`market dividendYield must be a finite number, got ${market.dividendYield}`);
}

function intrinsicValue(leg: PayoffLeg, underlyingPrice: number): number {
  if (leg.right === 'underlying') return underlyingPrice;
  const payoff = leg.right === 'call' ? underlyingPrice - leg.strike : leg.strike - underlyingPrice;
  return payoff > 0 ? payoff : 0;
}

function valueBeforeExpiry(leg: PayoffLeg, underlyingPrice: number, market: PayoffMarket): number {
  if (leg.right === 'underlying') return underlyingPrice;
  const remaining = leg.years - market.years;
  if (remaining <= 0) return intrinsicValue(leg, underlyingPrice);
  const { right, strike, volatility } = leg;
  return priceOption({ right, spot: underlyingPrice, strike, years: remaining, rate: market.rate, dividendYield: market.dividendYield, volatility });
}

function sumOfLegs(legs: readonly PayoffLeg[], value: (leg: PayoffLeg) => number): number {
  let total = 0;
  for (const leg of legs) total += leg.quantity * leg.multiplier * (value(leg) - leg.entryPrice);
  return total;
}

/** P&L in money with every leg at its own expiry and the underlying at `underlyingPrice` (≥ 0). */
export function payoffAtExpiry(legs: readonly PayoffLeg[], underlyingPrice: number): number {
  legs.forEach(assertValidLeg);
  assertValidPrice(underlyingPrice, 'zero');
  return sumOfLegs(legs, (leg) => intrinsicValue(leg, underlyingPrice));
}

/** P&L in money `market.years` from now, every leg at its Black-Scholes-Merton value. */
export function payoffToday(legs: readonly PayoffLeg[], underlyingPrice: number, market: PayoffMarket): number {
  legs.forEach(assertValidLeg);
  assertValidPrice(underlyingPrice, 'positive');
  assertValidMarket(market);
  return sumOfLegs(legs, (leg) => valueBeforeExpiry(leg, underlyingPrice, market));
}

/** P&L at expiry and "today" at steps + 1 evenly spaced underlying prices from `from` to `to`. */
export function payoffCurve(legs: readonly PayoffLeg[], range: PayoffRange, market: PayoffMarket): PayoffPoint[] {
  legs.forEach(assertValidLeg);
  assertValidMarket(market);
  const { from, to, steps } = range;
  assertValidPrice(from, 'positive');
  assertValidPrice(to, 'positive');
  if (!(to > from)) fail(`range 'to' (${to}) must be above 'from' (${from})`);
  if (!(Number.isInteger(steps) && steps >= 1 && steps <= MAX_STEPS)) fail(`range steps must be an integer from 1 to ${MAX_STEPS}, got ${steps}`);
  const points: PayoffPoint[] = [];
  for (let step = 0; step <= steps; step++) {
    // The last point is exactly `to`, not `from` plus accumulated rounding.
    const underlyingPrice = step === steps ? to : from + ((to - from) * step) / steps;
    points.push({
      underlyingPrice,
      atExpiry: sumOfLegs(legs, (leg) => intrinsicValue(leg, underlyingPrice)),
      today: sumOfLegs(legs, (leg) => valueBeforeExpiry(leg, underlyingPrice, market)),
    });
  }
  return points;
}
