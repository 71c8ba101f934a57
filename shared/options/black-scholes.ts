// Black-Scholes-Merton prices and Greeks of European options with a continuous dividend yield q:
//   call = S·e^(−qT)·N(d1) − K·e^(−rT)·N(d2),   put = K·e^(−rT)·N(−d2) − S·e^(−qT)·N(−d1),
//   d1 = (ln(S/K) + (r − q)·T) / (σ√T) + σ√T/2,   d2 = d1 − σ√T.
// Puts use N(−d) directly, never 1 − N(d), so far out-of-the-money values keep their precision.
// Speed: one log, one sqrt and three exponentials in all (two discount factors, skipped when the
// rate is 0, and e^(−d1²/2)); e^(−d2²/2) = e^(−d1²/2)·F/K because d1² − d2² = 2·ln(F/K), and the
// density and both CDFs share those. The intermediate terms live in one reused scratch object, so
// the only allocation is the Greeks result.
import { normalCdfWithGaussian } from './normal-distribution.ts';
import { assertValidOptionInput } from './option-input.ts';
import type { OptionGreeks, OptionInput } from './option-input.ts';
import { expiryLimitGreeks } from './expiry-limit.ts';

const DAYS_PER_YEAR = 365;
const INVERSE_SQRT_TWO_PI = 0.3989422804014327;

/** Terms shared by the price and the Greeks, written by `evaluateTerms`. */
const terms = { sign: 1, rootYears: 0, spread: 0, carryDiscount: 1, discountedSpot: 0, discountedStrike: 0, probability1: 0, probability2: 0, gaussian1: 0 };

function discountFactor(rate: number, years: number): number {
  return rate === 0 ? 1 : Math.exp(-rate * years);
}

/** Fills `terms` for valid input with σ√T > 0; N(±d1), N(±d2) carry the sign of the right. */
function evaluateTerms(input: OptionInput): void {
  const { spot, strike, years, volatility } = input;
  const sign = input.right === 'call' ? 1 : -1;
  const rootYears = Math.sqrt(years);
  const spread = volatility * rootYears;
  const carryDiscount = discountFactor(input.dividendYield, years);
  const discountedSpot = spot * carryDiscount;
  const discountedStrike = strike * discountFactor(input.rate, years);
  const d1 = (Math.log(spot / strike) + (input.rate - input.dividendYield) * years) / spread + 0.5 * spread;
  const d2 = d1 - spread;
  const gaussian1 = Math.exp(-0.5 * d1 * d1);
  let gaussian2 = gaussian1 * (discountedSpot / discountedStrike);
  // The ratio form fails only at absurd moneyness (e^(−d1²/2) underflowing while e^(−d2²/2) does not).
  if (!(gaussian2 <= 1) || gaussian1 === 0) gaussian2 = Math.exp(-0.5 * d2 * d2);
  terms.sign = sign;
  terms.rootYears = rootYears;
  terms.spread = spread;
  terms.carryDiscount = carryDiscount;
  terms.discountedSpot = discountedSpot;
  terms.discountedStrike = discountedStrike;
  terms.probability1 = normalCdfWithGaussian(sign * d1, gaussian1);
  terms.probability2 = normalCdfWithGaussian(sign * d2, gaussian2);
  terms.gaussian1 = gaussian1;
}

function assertFinite(value: number, input: OptionInput): void {
  if (!Number.isFinite(value)) {
    throw new RangeError(`option value overflows for spot ${input.spot}, strike ${input.strike}, years ${input.years}, rate ${input.rate}`);
  }
}

function termsPrice(): number {
  return terms.sign * (terms.discountedSpot * terms.probability1 - terms.discountedStrike * terms.probability2);
}

/**
 * The Black-Scholes-Merton value of one option (per unit of underlying). Throws a RangeError on
 * invalid input (non-finite numbers, spot or strike ≤ 0, negative years or volatility). With
 * years = 0 it is the intrinsic value; with volatility = 0 the discounted forward intrinsic value.
 */
export function priceOption(input: OptionInput): number {
  assertValidOptionInput(input);
  if (!(input.volatility * Math.sqrt(input.years) > 0)) return expiryLimitGreeks(input).price;
  evaluateTerms(input);
  const price = termsPrice();
  assertFinite(price, input);
  // Rounding can leave a far out-of-the-money value a hair below zero.
  return price > 0 ? price : 0;
}

/**
 * Price and Greeks of one option (per unit of underlying):
 * - delta = ∂V/∂S and gamma = ∂²V/∂S², per 1 unit of spot;
 * - theta = the change in value as one calendar day passes: −(∂V/∂T) / 365;
 * - vega = ∂V/∂σ / 100, per 1 volatility point (0.20 → 0.21);
 * - rho = ∂V/∂r / 100, per 1 rate point (0.05 → 0.06).
 * Throws a RangeError on invalid input, as `priceOption` does. At years = 0 (or volatility = 0)
 * the values are the limits described in expiry-limit.ts.
 */
export function optionGreeks(input: OptionInput): OptionGreeks {
  assertValidOptionInput(input);
  if (!(input.volatility * Math.sqrt(input.years) > 0)) return expiryLimitGreeks(input);
  evaluateTerms(input);
  const { sign, rootYears, spread, carryDiscount, discountedSpot, discountedStrike, probability1, probability2 } = terms;
  const price = termsPrice();
  const spotDensity = discountedSpot * INVERSE_SQRT_TWO_PI * terms.gaussian1;
  const thetaPerYear = (-0.5 * spotDensity * input.volatility) / rootYears + sign * (input.dividendYield * discountedSpot * probability1 - input.rate * discountedStrike * probability2);
  const greeks: OptionGreeks = {
    price: price > 0 ? price : 0,
    delta: sign * carryDiscount * probability1,
    gamma: spotDensity / (input.spot * input.spot * spread),
    theta: thetaPerYear / DAYS_PER_YEAR,
    vega: (spotDensity * rootYears) / 100,
    rho: (sign * discountedStrike * input.years * probability2) / 100,
  };
  assertFinite(price + greeks.delta + greeks.gamma + thetaPerYear + greeks.vega + greeks.rho, input);
  return greeks;
}

