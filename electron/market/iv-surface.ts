// The implied-volatility surface of one underlying.
//
// Term structure: the at-the-money level for T years is √(premium × expected average variance)
// (volatility-model.ts), so it is tied to the underlying's current stochastic variance and to the
// index factor that also sets the VIX: upward sloping (contango) when variance is below its
// long-run level, inverted after a spike.
// Smile: σ(K, T) = σ_atm(T) · f(z) in standardised moneyness z = ln(K/F) / (σ_atm √T), with
//   f(z) = 1 + smile·(√(z² + 1) − 1) − skew·tanh(z)
// so low strikes carry more volatility (put skew, −skew·tanh), both wings curve up (smile), and
// the shape scales with √T like real skews (steeper per % of moneyness in short expiries).
// f is clamped to [0.3, 2.5]; with skew ≤ 0.6 and smile ≤ 0.2 (enforced by the config) IVs are
// positive and call (put) prices fall (rise) with strike everywhere, out to 20 standard
// deviations (tested here on dense grids, and on whole simulated chains).

const MIN_FACTOR = 0.3;
const MAX_FACTOR = 2.5;
/** √T floor for the moneyness scale (about 30 seconds), so a contract at expiry still has a finite z. */
const MIN_ROOT_YEARS = 1e-3;

export type SmileShape = { readonly skew: number; readonly smile: number };

/** f(z): the ratio of the IV at standardised moneyness z to the at-the-money IV. */
export function smileFactor(z: number, shape: SmileShape): number {
  const factor = 1 + shape.smile * (Math.sqrt(z * z + 1) - 1) - shape.skew * Math.tanh(z);
  return factor < MIN_FACTOR ? MIN_FACTOR : factor > MAX_FACTOR ? MAX_FACTOR : factor;
}

/** 1 / (σ_atm √T): multiplies ln(K/F) into standardised moneyness (per expiry, computed once). */
export function moneynessScale(atmVolatility: number, rootYears: number): number {
  return 1 / (atmVolatility * (rootYears > MIN_ROOT_YEARS ? rootYears : MIN_ROOT_YEARS));
}

/** Standardised moneyness of a strike: ln(K/F) / (σ_atm √T). */
export function standardisedMoneyness(strike: number, forward: number, atmVolatility: number, rootYears: number): number {
  return Math.log(strike / forward) * moneynessScale(atmVolatility, rootYears);
}

/** The surface IV of a strike given the at-the-money IV and forward of its expiry. */
export function surfaceVolatility(strike: number, forward: number, atmVolatility: number, rootYears: number, shape: SmileShape): number {
  return atmVolatility * smileFactor(standardisedMoneyness(strike, forward, atmVolatility, rootYears), shape);
}
