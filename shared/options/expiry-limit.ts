// Price and Greeks where σ√T = 0: at expiry (years = 0) or with zero volatility. These are the
// limits of the Black-Scholes-Merton formulas, chosen so callers never see NaN:
// - value: the discounted forward intrinsic value max(±(S·e^(−qT) − K·e^(−rT)), 0), which at
//   years = 0 is the plain intrinsic value max(±(S − K), 0);
// - delta: ±e^(−qT) in the money, 0 out of the money, and ±e^(−qT)/2 exactly at the money (the
//   limit of N(d1) as σ√T → 0 there, midway between the one-sided slopes);
// - gamma: 0 (at the money it is a point mass, which no number represents);
// - vega: 0, except at the money with time left, where it tends to S·e^(−qT)·√T·φ(0) / 100;
// - theta and rho: 0 at years = 0 (nothing left to accrue); with time left and zero volatility,
//   the carry of the forward intrinsic value (weighted ½ at the money, like delta).
import type { OptionGreeks, OptionInput } from './option-input.ts';

const INVERSE_SQRT_TWO_PI = 0.3989422804014327;

export function expiryLimitGreeks(input: OptionInput): OptionGreeks {
  const { spot, strike, years, rate, dividendYield } = input;
  const sign = input.right === 'call' ? 1 : -1;
  const carryDiscount = Math.exp(-dividendYield * years);
  const discountedSpot = spot * carryDiscount;
  const discountedStrike = strike * Math.exp(-rate * years);
  const moneyness = sign * (discountedSpot - discountedStrike);
  // sign × weight, the probability-like factor of delta and rho (+0 rather than −0 out of the money).
  const signedWeight = moneyness > 0 ? sign : moneyness === 0 ? 0.5 * sign : 0;
  const atTheMoneyVega = moneyness === 0 ? discountedSpot * Math.sqrt(years) * INVERSE_SQRT_TWO_PI : 0;
  const carryPerYear = signedWeight * (dividendYield * discountedSpot - rate * discountedStrike);
  return {
    price: moneyness > 0 ? moneyness : 0,
    delta: signedWeight * carryDiscount,
    gamma: 0,
    theta: years > 0 ? carryPerYear / 365 : 0,
    vega: atTheMoneyVega / 100,
    rho: years > 0 ? (signedWeight * discountedStrike * years) / 100 : 0,
  };
}
