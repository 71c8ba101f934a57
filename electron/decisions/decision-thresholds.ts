// The configurable thresholds of the 12 decision rules, with the defaults. Every value is
// validated; an unknown key is refused so a misspelt override cannot silently keep a default.
// Units: days are calendar days to expiry (New York dates); fractions are 0..1 (0.5 = 50 %);
// Greeks use the position units of shared/domain/greeks.ts; IV rank is in points (0..100).
import { defaultRiskLimits } from '../../shared/domain/risk.ts';
import { invalid } from '../../shared/domain/errors.ts';
import { requireNonNegativeInteger, requirePositiveNumber } from '../../shared/domain/validate.ts';

export interface DecisionThresholds {
  /** R02: close when the loss reaches this multiple of the credit received (2 = 200 %). */
  readonly stopLossCreditMultiple: number;
  /** R03 and R09: the profit target as a fraction of max profit. */
  readonly takeProfitFraction: number;
  /** R04: pin risk applies at this many days to expiry or fewer. */
  readonly pinRiskDays: number;
  /** R04: a short strike this close to the underlying, as a fraction of its price (0.01 = 1 %). */
  readonly pinRiskDistanceFraction: number;
  /** R05: close at this many days to expiry or fewer. */
  readonly timeExitDays: number;
  /** R07: a short leg's per-share |delta| at or above this is breached. */
  readonly shortLegDeltaLimit: number;
  /** R07: |position delta| per strategy unit beyond this (shares-equivalent per unit) is breached. */
  readonly positionDeltaPerUnitLimit: number;
  /** R08: gamma risk applies at this many days to expiry or fewer. */
  readonly gammaRiskDays: number;
  /** R08: |position gamma| beyond this (shares of delta per $1 move, all units) is too much. */
  readonly positionGammaLimit: number;
  /** R09: the roll window opens at this many days to expiry or fewer. */
  readonly rollWindowDays: number;
  /** R10: an IV rank move of this many points or more against the position. */
  readonly ivRankShiftPoints: number;
  /** R11: |portfolio delta| beyond this, shares-equivalent (default: the risk limit). */
  readonly maxPortfolioDelta: number;
  /** R11: |portfolio vega| beyond this, $ per vol point (default: the risk limit). */
  readonly maxPortfolioVega: number;
  /** R11: an underlying's amount at risk beyond this share of net liquidation (default: the risk limit). */
  readonly maxConcentrationPerUnderlying: number;
  /** R06, R07: |delta| of the new short strike when the tested side is rolled out. */
  readonly rollTargetDelta: number;
}

export const defaultDecisionThresholds: DecisionThresholds = Object.freeze({
  stopLossCreditMultiple: 2,
  takeProfitFraction: 0.5,
  pinRiskDays: 1,
  pinRiskDistanceFraction: 0.01,
  timeExitDays: 3,
  shortLegDeltaLimit: 0.3,
  positionDeltaPerUnitLimit: 30,
  gammaRiskDays: 7,
  positionGammaLimit: 20,
  rollWindowDays: 21,
  ivRankShiftPoints: 25,
  maxPortfolioDelta: defaultRiskLimits.maxPortfolioDelta,
  maxPortfolioVega: defaultRiskLimits.maxPortfolioVega,
  maxConcentrationPerUnderlying: defaultRiskLimits.maxConcentrationPerUnderlying,
  rollTargetDelta: 0.16,
});

const thresholdNames = Object.keys(defaultDecisionThresholds) as readonly (keyof DecisionThresholds)[];

function requireFraction(value: unknown, field: string): number {
  const fraction = requirePositiveNumber(value, field);
  if (fraction > 1) invalid(field, 'must be a fraction greater than 0 and at most 1', value);
  return fraction;
}

function requireDelta(value: unknown, field: string): number {
  const delta = requirePositiveNumber(value, field);
  if (delta >= 1) invalid(field, 'must be an option |delta| greater than 0 and less than 1', value);
  return delta;
}

function requireRankPoints(value: unknown, field: string): number {
  const points = requirePositiveNumber(value, field);
  if (points > 100) invalid(field, 'must be IV rank points greater than 0 and at most 100', value);
  return points;
}

const checks: Readonly<Record<keyof DecisionThresholds, (value: unknown, field: string) => number>> = {
  stopLossCreditMultiple: requirePositiveNumber,
  takeProfitFraction: requireFraction,
  pinRiskDays: requireNonNegativeInteger,
  pinRiskDistanceFraction: requireFraction,
  timeExitDays: requireNonNegativeInteger,
  shortLegDeltaLimit: requireDelta,
  positionDeltaPerUnitLimit: requirePositiveNumber,
  gammaRiskDays: requireNonNegativeInteger,
  positionGammaLimit: requirePositiveNumber,
  rollWindowDays: requireNonNegativeInteger,
  ivRankShiftPoints: requireRankPoints,
  maxPortfolioDelta: requirePositiveNumber,
  maxPortfolioVega: requirePositiveNumber,
  maxConcentrationPerUnderlying: requireFraction,
  rollTargetDelta: requireDelta,
};

/** The defaults overridden by `overrides`, every value validated; unknown names are refused. */
export function createDecisionThresholds(overrides: Partial<DecisionThresholds> = {}): DecisionThresholds {
  if (typeof overrides !== 'object' || overrides === null) invalid('thresholds', 'must be an object', overrides);
  for (const name of Object.keys(overrides)) {
    if (!(thresholdNames as readonly string[]).includes(name)) invalid(name, `is not a decision threshold (known: ${thresholdNames.join(', ')})`, (overrides as Record<string, unknown>)[name]);
  }
  const merged: Record<string, number> = { ...defaultDecisionThresholds, ...overrides };
  const thresholds = Object.fromEntries(thresholdNames.map((name) => [name, checks[name](merged[name], name)]));
  return Object.freeze(thresholds) as unknown as DecisionThresholds;
}
