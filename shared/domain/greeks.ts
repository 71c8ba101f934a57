// Option Greeks per share (what a pricing model returns for one option on one share) and the
// same scaled to a position and summed over a portfolio.
//
// Units. Per share: delta = option $ per $1 underlying move; gamma = delta change per $1 move;
// theta = option $ per calendar day (negative for a long option); vega = option $ per 1 vol
// point (σ +0.01); rho = option $ per 1 percentage point of rate (+0.01).
// Position Greeks = per-share × signed quantity × multiplier, so: delta in shares-equivalent
// (a long 0.30-delta call on 100 shares = 30 shares), gamma in shares per $1 move, theta in $
// per day, vega in $ per vol point, rho in $ per rate point. Portfolio Greeks are sums.
import { invalid } from './errors.ts';
import { requireFiniteNumber } from './validate.ts';

export interface Greeks {
  readonly delta: number;
  readonly gamma: number;
  readonly theta: number;
  readonly vega: number;
  readonly rho: number;
}

export const GREEK_NAMES = ['delta', 'gamma', 'theta', 'vega', 'rho'] as const satisfies readonly (keyof Greeks)[];

export const ZERO_GREEKS: Greeks = Object.freeze({ delta: 0, gamma: 0, theta: 0, vega: 0, rho: 0 });

/** Validates that every Greek is a finite number. */
export function createGreeks(input: Greeks, fieldPrefix = 'greeks'): Greeks {
  return Object.freeze({
    delta: requireFiniteNumber(input.delta, `${fieldPrefix}.delta`),
    gamma: requireFiniteNumber(input.gamma, `${fieldPrefix}.gamma`),
    theta: requireFiniteNumber(input.theta, `${fieldPrefix}.theta`),
    vega: requireFiniteNumber(input.vega, `${fieldPrefix}.vega`),
    rho: requireFiniteNumber(input.rho, `${fieldPrefix}.rho`),
  });
}

export function addGreeks(a: Greeks, b: Greeks): Greeks {
  return Object.freeze({
    delta: a.delta + b.delta,
    gamma: a.gamma + b.gamma,
    theta: a.theta + b.theta,
    vega: a.vega + b.vega,
    rho: a.rho + b.rho,
  });
}

export function scaleGreeks(greeks: Greeks, factor: number): Greeks {
  const scale = requireFiniteNumber(factor, 'factor');
  return Object.freeze({
    delta: greeks.delta * scale,
    gamma: greeks.gamma * scale,
    theta: greeks.theta * scale,
    vega: greeks.vega * scale,
    rho: greeks.rho * scale,
  });
}

export function sumGreeks(list: Iterable<Greeks>): Greeks {
  let total = ZERO_GREEKS;
  for (const greeks of list) total = addGreeks(total, greeks);
  return total;
}

/** Per-share Greeks × signed quantity × multiplier (see the units above). */
export function positionGreeks(perShare: Greeks, signedQuantity: number, multiplier: number): Greeks {
  if (!Number.isSafeInteger(signedQuantity)) invalid('signedQuantity', 'must be an integer', signedQuantity);
  if (!Number.isSafeInteger(multiplier) || multiplier <= 0) invalid('multiplier', 'must be a positive integer', multiplier);
  return scaleGreeks(perShare, signedQuantity * multiplier);
}
