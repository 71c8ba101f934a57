// Exact max profit, max loss and breakevens of option legs at expiry. The P&L at expiry is
// piecewise linear in the underlying price with kinks at the strikes, so its extremes lie at 0,
// at a strike, or at infinity (unlimited when the slope above the highest strike is not 0).
// Amounts are Money (integer micro-dollars): strikes have at most 4 decimals and entry prices
// are whole micro-dollars, so every kink value is exact.
//
// With legs of several expiries every leg is taken at its own expiry's intrinsic value at the
// same underlying price (the convention of shared/options payoffAtExpiry): a lower bound of the
// P&L at the first expiry when every later leg is long, not an exact figure otherwise.
import { money, type Money, type OptionRight } from '../../shared/domain/index.ts';

export interface ProfileLeg {
  readonly right: OptionRight;
  readonly strike: number;
  readonly multiplier: number;
  /** Signed contracts of the whole position (+ long, − short): ratio × quantity. */
  readonly contracts: number;
  /** Per-share price paid (long) or received (short), ≥ 0. */
  readonly entryPrice: number;
}

/** An extreme of the P&L: a Money amount, or unlimited (amount undefined). */
export type Extreme = { readonly unlimited: false; readonly amount: Money } | { readonly unlimited: true; readonly amount: undefined };

export interface ExpiryProfile {
  /** The largest P&L at expiry (≤ 0 when no outcome profits). */
  readonly maxProfit: Extreme;
  /** The worst P&L at expiry as a positive loss (≤ 0 when no outcome loses). */
  readonly maxLoss: Extreme;
  /** Underlying prices where the P&L at expiry crosses 0, ascending, rounded to 1e-6. */
  readonly breakevens: readonly number[];
}

const UNLIMITED: Extreme = Object.freeze({ unlimited: true, amount: undefined });

function limited(amount: Money): Extreme {
  return Object.freeze({ unlimited: false, amount });
}

function intrinsic(leg: ProfileLeg, price: number): number {
  return Math.max(0, leg.right === 'call' ? price - leg.strike : leg.strike - price);
}

/** P&L at expiry (Money) with the underlying at `price`, a kink (0 or a strike). */
export function pnlAtKink(legs: readonly ProfileLeg[], price: number): Money {
  return money.sum(
    legs.map((leg) => {
      const perShare = money.subtract(money.fromDollars(intrinsic(leg, price)), money.fromDollars(leg.entryPrice));
      return money.multiplyByInteger(perShare, leg.contracts * leg.multiplier);
    }),
  );
}

/** Shares-equivalent slope of the P&L above the highest strike (only calls move there). */
function upperSlope(legs: readonly ProfileLeg[]): number {
  return legs.reduce((slope, leg) => slope + (leg.right === 'call' ? leg.contracts * leg.multiplier : 0), 0);
}

function roundMicro(price: number): number {
  return Math.round(price * 1e6) / 1e6;
}

function crossings(kinks: readonly number[], values: readonly Money[], slope: number): number[] {
  const found: number[] = [];
  kinks.forEach((kink, index) => {
    const value = values[index] as number;
    if (value === 0) {
      found.push(kink);
      return;
    }
    const nextKink = kinks[index + 1];
    const next = values[index + 1] as number | undefined;
    if (nextKink !== undefined && next !== undefined && next !== 0 && Math.sign(next) !== Math.sign(value)) {
      found.push(kink + ((nextKink - kink) * value) / (value - next));
    } else if (nextKink === undefined && slope !== 0 && Math.sign(slope) !== Math.sign(value)) {
      found.push(kink - value / (slope * money.MICROS_PER_DOLLAR));
    }
  });
  return [...new Set(found.map(roundMicro))].sort((a, b) => a - b);
}

export function expiryProfile(legs: readonly ProfileLeg[]): ExpiryProfile {
  const kinks = [0, ...new Set(legs.map((leg) => leg.strike))].sort((a, b) => a - b);
  const values = kinks.map((kink) => pnlAtKink(legs, kink));
  const slope = upperSlope(legs);
  const best = values.reduce((a, b) => (b > a ? b : a));
  const worst = values.reduce((a, b) => (b < a ? b : a));
  return Object.freeze({
    maxProfit: slope > 0 ? UNLIMITED : limited(best),
    maxLoss: slope < 0 ? UNLIMITED : limited(money.negate(worst)),
    breakevens: Object.freeze(crossings(kinks, values, slope)),
  });
}
