// Listed strikes around spot, on increments that widen with distance from the money:
// a strike at distance d = |K/S − 1| is listed when it is a multiple of the increment of the
// first tier whose `within` ≥ d, or of `farIncrement` beyond the last tier. Defaults:
// SPY/QQQ/IWM $1 within ±10 %, $5 beyond; AAPL/TSLA $2.5 within ±10 %, $5 within ±30 %, $10
// beyond. Arithmetic is in whole cents, so strikes are exact cent values.
import type { StrikeTier } from './market-config.ts';

export type StrikeScheme = { readonly tiers: readonly StrikeTier[]; readonly farIncrement: number };

const MAX_STRIKES = 2_000;

function toCents(dollars: number): number {
  return Math.round(dollars * 100);
}

/** The increment (dollars) that applies at `strike` for an underlying at `spot`. */
export function strikeIncrementAt(strike: number, spot: number, scheme: StrikeScheme): number {
  const distance = Math.abs(strike / spot - 1);
  for (const tier of scheme.tiers) {
    if (distance <= tier.within) return tier.increment;
  }
  return scheme.farIncrement;
}

/**
 * The strikes of the scheme in [lower, upper], ascending. The range is widened to at least five
 * near-the-money increments on each side of spot, so even an expiring contract has a chain.
 */
export function listStrikes(spot: number, lower: number, upper: number, scheme: StrikeScheme): number[] {
  if (!(spot > 0) || !(lower <= upper)) throw new RangeError(`strike range needs spot > 0 and lower ≤ upper, got spot ${spot}, [${lower}, ${upper}]`);
  const nearIncrement = scheme.tiers[0]?.increment ?? scheme.farIncrement;
  const smallestCents = Math.min(toCents(scheme.farIncrement), ...scheme.tiers.map((tier) => toCents(tier.increment)));
  const lowCents = Math.max(smallestCents, toCents(Math.min(lower, spot - 5 * nearIncrement)));
  const highCents = toCents(Math.max(upper, spot + 5 * nearIncrement));
  if ((highCents - lowCents) / smallestCents > 50 * MAX_STRIKES) throw new RangeError(`strike range [${lower}, ${upper}] is too wide for increments of ${smallestCents / 100}`);
  const strikes: number[] = [];
  for (let cents = Math.ceil(lowCents / smallestCents) * smallestCents; cents <= highCents; cents += smallestCents) {
    const strike = cents / 100;
    if (cents % toCents(strikeIncrementAt(strike, spot, scheme)) === 0) strikes.push(strike);
  }
  return strikes.length > MAX_STRIKES ? strikes.slice(0, MAX_STRIKES) : strikes;
}

/** Sorted union of two ascending strike lists (listed strikes only ever grow). */
export function mergeStrikes(existing: readonly number[], added: readonly number[]): number[] {
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (i < existing.length || j < added.length) {
    const a = existing[i];
    const b = added[j];
    if (b === undefined || (a !== undefined && a < b)) {
      merged.push(a as number);
      i++;
    } else if (a === undefined || b < a) {
      merged.push(b);
      j++;
    } else {
      merged.push(a);
      i++;
      j++;
    }
  }
  return merged;
}
