// The standard normal distribution to double precision, after W. J. Cody's rational Chebyshev
// approximations (Cody 1969, "Rational Chebyshev approximations for the error function", Math.
// Comp. 23; coefficients as published in ACM TOMS Algorithm 715, SPECFUN, 1993). Relative error
// is about 1e-16 over the whole range, tails included: the lower tail is computed directly, never
// as 1 − N(x), and exp(−x²/2) is split so the rounding of x² does not leak into the result.
// The common JavaScript approximations (Abramowitz-Stegun 26.2.17, Zelen-Severo) are only
// good to about 1e-7, which is far too coarse for Greeks and implied volatility.
// The coefficients are Cody's, each written as the shortest decimal that rounds to the same
// double as the published 20-digit value (the lint rule against lossy literals wants that).

const INVERSE_SQRT_TWO_PI = 0.3989422804014327;

/** Below this |x| the central rational form is used; above it the tail forms. */
const CENTRAL_LIMIT = 0.66291;
/** √32: where the middle rational form hands over to the asymptotic one. */
const ASYMPTOTIC_LIMIT = 5.656854249492381;
/** Beyond this |x| the lower tail N(−|x|) is below the smallest subnormal double. */
const UNDERFLOW_LIMIT = 38.5;

const CENTRAL_NUMERATOR = [2.2352520354606837, 161.02823106855587, 1067.6894854603709, 18154.98125334356, 0.06568233791820745] as const;
const CENTRAL_DENOMINATOR = [47.202581904688245, 976.0985517377767, 10260.932208618979, 45507.78933502673] as const;
const MIDDLE_NUMERATOR = [
  0.39894151208813466, 8.883149794388377, 93.50665613217785, 597.2702763948002, 2494.5375852903726,
  6848.190450536283, 11602.65143764735, 9842.714838383978, 1.0765576773720192e-8,
] as const;
const MIDDLE_DENOMINATOR = [
  22.266688044328117, 235.387901782625, 1519.3775994075547, 6485.558298266761, 18615.571640885097,
  34900.95272114598, 38912.00328609327, 19685.429676859992,
] as const;
const ASYMPTOTIC_NUMERATOR = [
  0.215898534057957, 0.12740116116024736, 0.022235277870649807, 0.0014216191932278934, 0.000029112874951168793,
  0.023073441764940174,
] as const;
const ASYMPTOTIC_DENOMINATOR = [1.284260096144911, 0.4682382124808651, 0.06598813786892856, 0.0037823963320275824, 0.00007297515550839662] as const;

const [a0, a1, a2, a3, a4] = CENTRAL_NUMERATOR;
const [b0, b1, b2, b3] = CENTRAL_DENOMINATOR;
const [c0, c1, c2, c3, c4, c5, c6, c7, c8] = MIDDLE_NUMERATOR;
const [d0, d1, d2, d3, d4, d5, d6, d7] = MIDDLE_DENOMINATOR;
const [p0, p1, p2, p3, p4, p5] = ASYMPTOTIC_NUMERATOR;
const [q0, q1, q2, q3, q4] = ASYMPTOTIC_DENOMINATOR;

/** x·R(x²) with N(x) = 0.5 + centralOdd(x) for |x| ≤ 0.66291. */
function centralOdd(x: number): number {
  const square = x * x;
  const numerator = ((((a4 * square + a0) * square + a1) * square + a2) * square + a3) * x;
  const denominator = (((square + b0) * square + b1) * square + b2) * square + b3;
  return numerator / denominator;
}

/** N(−y)·exp(y²/2) for y > 0.66291: Cody's rational forms without their exponential factor. */
function scaledTailBeyondCentral(y: number): number {
  if (y <= ASYMPTOTIC_LIMIT) {
    const numerator = (((((((c8 * y + c0) * y + c1) * y + c2) * y + c3) * y + c4) * y + c5) * y + c6) * y + c7;
    const denominator = (((((((y + d0) * y + d1) * y + d2) * y + d3) * y + d4) * y + d5) * y + d6) * y + d7;
    return numerator / denominator;
  }
  const inverseSquare = 1 / (y * y);
  const numerator = ((((p5 * inverseSquare + p0) * inverseSquare + p1) * inverseSquare + p2) * inverseSquare + p3) * inverseSquare + p4;
  const denominator = ((((inverseSquare + q0) * inverseSquare + q1) * inverseSquare + q2) * inverseSquare + q3) * inverseSquare + q4;
  return (INVERSE_SQRT_TWO_PI - (inverseSquare * numerator) / denominator) / y;
}

/** exp(−y²/2) with y² split at a multiple of 1/16, so its rounding error does not grow with y. */
function gaussianFactor(y: number): number {
  const coarse = Math.trunc(y * 16) / 16;
  const remainder = (y - coarse) * (y + coarse);
  return Math.exp(-0.5 * coarse * coarse) * Math.exp(-0.5 * remainder);
}

/** N(−y) for y ≥ 0: the upper tail, accurate to full relative precision down to ~1e-308. */
function upperTail(y: number): number {
  if (y <= CENTRAL_LIMIT) return 0.5 - centralOdd(y);
  if (y >= UNDERFLOW_LIMIT) return 0;
  return gaussianFactor(y) * scaledTailBeyondCentral(y);
}

/** The standard normal cumulative distribution function N(x) = P(Z ≤ x). NaN gives NaN. */
export function normalCdf(x: number): number {
  if (x <= 0) return upperTail(-x);
  if (x <= CENTRAL_LIMIT) return 0.5 + centralOdd(x);
  if (x > 0) return 1 - upperTail(x);
  return Number.NaN;
}

/**
 * N(x) when gaussian = exp(−x²/2) is already known (the pricing formulas get e^(−d2²/2) from
 * e^(−d1²/2) by a ratio, so two CDFs and the density share one exponential). Same rational forms
 * as `normalCdf`; the only difference is the single, unsplit exponential in `gaussian`.
 */
export function normalCdfWithGaussian(x: number, gaussian: number): number {
  if (x <= CENTRAL_LIMIT && x >= -CENTRAL_LIMIT) return 0.5 + centralOdd(x);
  const tail = gaussian * scaledTailBeyondCentral(x < 0 ? -x : x);
  return x < 0 ? tail : 1 - tail;
}

/** The standard normal density φ(x) = exp(−x²/2)/√(2π). */
export function normalPdf(x: number): number {
  return INVERSE_SQRT_TWO_PI * Math.exp(-0.5 * x * x);
}

/**
 * The scaled upper tail N(−y)·exp(y²/2) for y ≥ 0 (a Mills ratio over √(2π)). It varies slowly
 * and carries no exponential for y > 0.66291, so the implied-volatility solver can form
 * normalised option prices as one common exponential times a difference of these.
 */
export function scaledUpperTail(y: number): number {
  if (y > CENTRAL_LIMIT) return scaledTailBeyondCentral(y);
  return (0.5 - centralOdd(y)) * Math.exp(0.5 * y * y);
}

export { INVERSE_SQRT_TWO_PI };
