// Solves b(s) = beta for the total volatility s = σ√T of a normalised out-of-the-money call
// (see normalised-black.ts). The objective is ln b(s) − ln beta while the price is in the lower
// half of its range and ln c(s) − ln gamma above it, so the small side of the price is always the
// one that is matched (no precision lost to 1 − small). Both objectives are monotone and concave
// in s; Halley's third-order step (with its correction factor capped, which shortens the step
// that would overshoot and lengthens the timid one) then converges in two to four evaluations
// from the guesses of initial-guess.ts. A bracket of the root is kept, and a step that leaves it
// falls back to bisection (or doubling / halving while one side is still open).
import { evaluateObjective } from './normalised-black.ts';
import type { Objective } from './normalised-black.ts';
import { initialTotalVolatility } from './initial-guess.ts';

export const MAX_ITERATIONS = 40;
/** Relative step below which s has converged: Halley's next step would be far smaller still. */
const STEP_TOLERANCE = 1e-11;
/** Where rounding noise in b stops the steps from shrinking, accept a step this small. */
const NOISE_TOLERANCE = 1e-7;
/** The Halley factor 1/(1 − ratio) is capped at 4: the asymptotic bound for these objectives. */
const MAX_HALLEY_RATIO = 0.75;

const objective: Objective = { value: 0, slope: 0, curvature: 0 };

/** Written by `solveTotalVolatility`: how many objective evaluations it used. */
export const solverState = { iterations: 0 };

function halleyStep(): number {
  const newton = -objective.value / objective.slope;
  const ratio = (objective.value * objective.curvature) / (2 * objective.slope * objective.slope);
  return newton / (1 - Math.min(ratio, MAX_HALLEY_RATIO));
}

/**
 * s with b(s) = beta, for x ≤ 0, beta > 0, gamma = ceiling − beta > 0 and ceiling = e^(x/2);
 * NaN if it fails to converge.
 */
export function solveTotalVolatility(x: number, beta: number, gamma: number, ceiling: number): number {
  const lowerSide = beta <= gamma;
  const logTarget = Math.log(lowerSide ? beta : gamma);
  let s = initialTotalVolatility(x, beta, gamma, ceiling);
  let low = 0;
  let high = Infinity;
  let previousStep = Infinity;
  for (let iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
    solverState.iterations = iteration;
    evaluateObjective(x, ceiling, s, lowerSide, logTarget, objective);
    if (objective.value === 0) return s;
    // ln b rises with s and ln c falls, so the sign of the objective says which side s is on.
    if (objective.value < 0 === lowerSide) low = s;
    else high = s;
    const step = halleyStep();
    const size = Math.abs(step);
    if (size <= STEP_TOLERANCE * s || (size <= NOISE_TOLERANCE * s && size >= 0.5 * previousStep)) return s + step;
    previousStep = size;
    const next = s + step;
    if (next > low && next < high) s = next;
    else if (high === Infinity) s *= 2;
    else if (low === 0) s *= 0.5;
    else s = 0.5 * (low + high);
  }
  return Number.NaN;
}
