// Normalised Black prices, the working space of the implied-volatility solver (after Jäckel,
// "By Implication", 2006, and "Let's Be Rational", 2015). With x = ln(F/K) ≤ 0 (out of the
// money) and s = σ√T, an out-of-the-money call is worth, per √(F·K) of undiscounted money,
//   b(s) = e^(x/2)·N(d1) − e^(−x/2)·N(d2),   d1,2 = x/s ± s/2,
// rising from 0 to e^(x/2) as s goes from 0 to ∞. Its complement c(s) = e^(x/2) − b(s) is
//   c(s) = e^(x/2)·N(−d1) + e^(−x/2)·N(d2).
// Both share the factor E = e^(x/2 − d1²/2) = e^(−x/2 − d2²/2) = exp(−(h² + t²)/2), h = x/s,
// t = s/2, so with the scaled tail m(y) = N(−y)·e^(y²/2):
//   b = E·(m(−d1) − m(−d2)) when d1 ≤ 0,   c = E·(m(d1) + m(−d2)) when d1 ≥ 0,
// and ∂b/∂s = E/√(2π). ln b and ln c are then formed without any exponential, and both are
// concave in s (b' is log-concave in s, and integrals of log-concave functions are log-concave),
// which is what makes the Newton-type iteration in the solver safe.
import { scaledUpperTail } from './normal-distribution.ts';

const SQRT_TWO_PI = 2.5066282746310007;

/** An objective f and its first two derivatives in s. */
export type Objective = { value: number; slope: number; curvature: number };

/**
 * The solver's objective at s, written into `objective` (reused, so nothing is allocated).
 * `lowerSide` selects f = ln b(s) − logTarget (used while b ≤ c), otherwise f = ln c(s) − logTarget;
 * `ceiling` is e^(x/2).
 */
export function evaluateObjective(x: number, ceiling: number, s: number, lowerSide: boolean, logTarget: number, objective: Objective): void {
  const h = x / s;
  const t = 0.5 * s;
  const d1 = h + t;
  const halfExponent = 0.5 * (h * h + t * t);
  const tail2 = scaledUpperTail(t - h);
  let logValue: number;
  let slope: number;
  if (lowerSide) {
    if (d1 <= 0) {
      const scaled = scaledUpperTail(-d1) - tail2;
      logValue = Math.log(scaled) - halfExponent;
      slope = 1 / (SQRT_TWO_PI * scaled);
    } else {
      const common = Math.exp(-halfExponent);
      const value = ceiling - common * (scaledUpperTail(d1) + tail2);
      logValue = Math.log(value);
      slope = common / (SQRT_TWO_PI * value);
    }
  } else if (d1 >= 0) {
    const scaled = scaledUpperTail(d1) + tail2;
    logValue = Math.log(scaled) - halfExponent;
    slope = -1 / (SQRT_TWO_PI * scaled);
  } else {
    const common = Math.exp(-halfExponent);
    const value = ceiling - common * (scaledUpperTail(-d1) - tail2);
    logValue = Math.log(value);
    slope = -common / (SQRT_TWO_PI * value);
  }
  objective.value = logValue - logTarget;
  objective.slope = slope;
  // (ln g)'' = g''/g − (g'/g)², with b'' = b'·(h² − t²)/s and c'' = −b''.
  objective.curvature = (slope * (h * h - t * t)) / s - slope * slope;
}
