// Starting points for the implied-volatility iteration, in the normalised coordinates of
// normalised-black.ts: x = ln(F/K) ≤ 0, target b = beta, complement c = gamma = e^(x/2) − beta.
// Two approximations, each good where the other is poor (both checked in the solver's tests):
// - deep out of the money (|x|/s ≥ 2) the first-order tail expansion
//   b ≈ exp(−(h² + t²)/2) · s / (√(2π)·(h² − t²)),  h = x/s, t = s/2,
//   solved for s by a short fixed-point iteration on its exponent;
// - elsewhere the form c ≈ (c at the inflection point s_c = √(2|x|)) · N(−s/2)/N(−s_c/2),
//   exact at the money (c = 2·N(−s/2) when x = 0) and at s_c, and right as s → ∞.
import { normalCdfWithGaussian } from './normal-distribution.ts';

const SQRT_TWO_PI = 2.5066282746310007;

/**
 * z with N(−z) = p, for 0 < p ≤ 0.5, to about 4.5e-4 (Abramowitz-Stegun 26.2.23), and near
 * p = 0.5 by the series of the inverse around 0 so tiny z keep their relative accuracy.
 */
function approximateUpperQuantile(p: number): number {
  if (p > 0.4) {
    const u = SQRT_TWO_PI * (0.5 - p);
    const square = u * u;
    return u * (1 + square * (1 / 6 + square * (7 / 120)));
  }
  const t = Math.sqrt(-2 * Math.log(p));
  return t - (2.515517 + t * (0.802853 + t * 0.010328)) / (1 + t * (1.432788 + t * (0.189269 + t * 0.001308)));
}

/** s from the deep out-of-the-money expansion, or NaN where the expansion does not apply. */
function deepOutOfTheMoneyGuess(x: number, beta: number): number {
  const logBeta = Math.log(beta);
  const square = x * x;
  let s = -x / Math.sqrt(-2 * logBeta);
  for (let round = 0; round < 3; round++) {
    const h = x / s;
    const t = 0.5 * s;
    if (h * h <= t * t) return Number.NaN;
    // −(h² + t²)/2 = exponent, i.e. s⁴/4 + 2·exponent·s² + x² = 0: take the smaller root in s².
    const exponent = logBeta - Math.log(s / (SQRT_TWO_PI * (h * h - t * t)));
    const discriminant = 4 * exponent * exponent - square;
    if (!(discriminant > 0)) return Math.sqrt(-2 * x);
    s = Math.sqrt((2 * square) / (-2 * exponent + Math.sqrt(discriminant)));
  }
  return s;
}

/** A starting total volatility s = σ√T for the out-of-the-money normalised price beta. */
export function initialTotalVolatility(x: number, beta: number, gamma: number, ceiling: number): number {
  if (x === 0) return 2 * approximateUpperQuantile(0.5 * gamma);
  const inflection = Math.sqrt(-2 * x);
  // At s_c, d1 = 0 and d2 = −s_c, so b(s_c) = e^(x/2)/2 − e^(−x/2)·N(−s_c). The Gaussian factors
  // need no exponential: e^(−s_c²/2) = e^x = ceiling² and e^(−s_c²/8) = e^(x/4) = √ceiling.
  const inflectionPrice = 0.5 * ceiling - normalCdfWithGaussian(-inflection, ceiling * ceiling) / ceiling;
  if (beta < inflectionPrice) {
    const deep = deepOutOfTheMoneyGuess(x, beta);
    if (deep > 0 && -x >= 2 * deep) return deep;
  }
  const tail = (gamma / (ceiling - inflectionPrice)) * normalCdfWithGaussian(-0.5 * inflection, Math.sqrt(ceiling));
  return 2 * approximateUpperQuantile(Math.min(tail, 0.5));
}
