// Implied volatility under Black-Scholes-Merton with a continuous dividend yield. Never throws and
// never returns NaN: every input it cannot answer gives { ok: false, reason } naming the problem.
//
// Method: the price is checked against the no-arbitrage bounds, turned into the price of the
// out-of-the-money option of the same strike (through put-call parity, so a deep in-the-money
// option is solved as its small out-of-the-money twin), normalised by √(F·K) and the discount
// factor, and handed to the safeguarded Halley iteration of implied-volatility-solver.ts.
import { describeInvalidMarket, isValidMarket } from './option-input.ts';
import type { OptionInput } from './option-input.ts';
import { MAX_ITERATIONS, solveTotalVolatility, solverState } from './implied-volatility-solver.ts';

export type ImpliedVolatilityInput = Omit<OptionInput, 'volatility'> & { price: number };

export type ImpliedVolatilityResult = { ok: true; volatility: number; iterations: number } | { ok: false; reason: string };

/** Below this a normalised time value has lost its precision (subnormal doubles). */
const SMALLEST_NORMAL = 2.2250738585072014e-308;

function failure(reason: string): ImpliedVolatilityResult {
  return { ok: false, reason };
}

function describeInvalidInput(input: ImpliedVolatilityInput): string | undefined {
  if (!isValidMarket(input)) return describeInvalidMarket(input);
  if (!(input.years > 0)) return `years must be positive to imply a volatility, got ${input.years} (an option at expiry has no time value)`;
  const price: unknown = input.price;
  if (typeof price !== 'number' || !Number.isFinite(price)) return `price must be a finite number, got ${String(price)}`;
  return undefined;
}

/**
 * The volatility σ at which the Black-Scholes-Merton value of the option equals `price`.
 * `iterations` counts evaluations of the pricing function by the solver (typically 2 to 4).
 */
export function impliedVolatility(input: ImpliedVolatilityInput): ImpliedVolatilityResult {
  const problem = describeInvalidInput(input);
  if (problem !== undefined) return failure(problem);
  const { right, spot, strike, years, rate, dividendYield, price } = input;
  const discountedSpot = dividendYield === 0 ? spot : spot * Math.exp(-dividendYield * years);
  const discountedStrike = rate === 0 ? strike : strike * Math.exp(-rate * years);
  if (!(discountedSpot > 0 && discountedSpot < Infinity && discountedStrike > 0 && discountedStrike < Infinity)) {
    return failure(`years ${years} with rate ${rate} and dividendYield ${dividendYield} put the discount factors out of range`);
  }
  const intrinsic = right === 'call' ? discountedSpot - discountedStrike : discountedStrike - discountedSpot;
  const lower = intrinsic > 0 ? intrinsic : 0;
  const upper = right === 'call' ? discountedSpot : discountedStrike;
  if (price < lower) return failure(`price ${price} is below the lower no-arbitrage bound ${lower} for a ${right}`);
  if (price === lower) return failure(`price ${price} is at the lower no-arbitrage bound ${lower} for a ${right}: with no time value no volatility reproduces it`);
  if (price > upper) return failure(`price ${price} is above the upper no-arbitrage bound ${upper} for a ${right}`);
  if (price === upper) return failure(`price ${price} is at the upper no-arbitrage bound ${upper} for a ${right}: only an infinite volatility reaches it`);
  const scale = Math.sqrt(discountedSpot) * Math.sqrt(discountedStrike);
  const beta = (price - lower) / scale;
  const gamma = (upper - price) / scale;
  if (!(beta >= SMALLEST_NORMAL)) return failure(`price ${price} is too close to the lower no-arbitrage bound ${lower} for a ${right} to resolve a volatility`);
  if (!(gamma >= SMALLEST_NORMAL)) return failure(`price ${price} is too close to the upper no-arbitrage bound ${upper} for a ${right} to resolve a volatility`);
  const logMoneyness = Math.log(spot / strike) + (rate - dividendYield) * years;
  // e^(x/2) for the out-of-the-money x = −|ln(F/K)| is min(S·e^(−qT), K·e^(−rT)) / √(F·K·e^(−2rT)).
  const ceiling = Math.min(discountedSpot, discountedStrike) / scale;
  const totalVolatility = solveTotalVolatility(-Math.abs(logMoneyness), beta, gamma, ceiling);
  const volatility = totalVolatility / Math.sqrt(years);
  if (!(volatility > 0 && volatility < Infinity)) {
    return failure(`implied volatility for price ${price} did not converge within ${MAX_ITERATIONS} iterations`);
  }
  return { ok: true, volatility, iterations: solverState.iterations };
}
