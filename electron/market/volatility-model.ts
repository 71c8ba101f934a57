// The variance model shared by the price processes, the implied-volatility surface and the VIX.
//
// Index factor: lognormal mean-reverting variance v_m (long-run mean θ_m = σ_m², see
// price-process.ts) with Merton jumps. Underlying i: instantaneous variance v_i = θ_i · (v_m / θ_m) · e^h_i, where h_i
// is an idiosyncratic Ornstein-Uhlenbeck log-variance factor with E[e^h] = 1, so every
// underlying's vol rises when the index vol rises (as in real markets) and also moves on its own.
// Expected average variance over T years (what an at-the-money option prices) is approximated
// with the mean-reversion of each factor: θ + (v − θ)·A(κ, T), A(κ, T) = (1 − e^(−κT)) / (κT)
// (exact for a Heston mean, close for the lognormal factors, and monotone in T, which keeps the
// term structure smooth).
import { normalCdf, normalPdf } from '../../shared/options/index.ts';
import type { MarketConfig, MarketFactorConfig, UnderlyingConfig } from './market-config.ts';

export type FactorModel = {
  readonly config: MarketFactorConfig;
  readonly longRunVariance: number;
  /**
   * The level the diffusive part reverts to: the long-run variance less the average the
   * down-jump kicks add (λ·kick·E[J²; J < 0] / κ), so the mean including spikes is θ_m.
   */
  readonly diffusiveVariance: number;
  /** Variance floor: vol never drops below 20 % of its long-run level. */
  readonly varianceFloor: number;
  /** λ·E[J²]: the annual variance the jumps add. */
  readonly jumpVariance: number;
};

export type UnderlyingModel = {
  readonly config: UnderlyingConfig;
  readonly index: number;
  readonly longRunVariance: number;
  /** Exposure to index jumps: correlation × volatility / index volatility. */
  readonly beta: number;
  readonly idiosyncraticWeight: number;
  readonly leverageComplement: number;
  /** Long-run mean of h, chosen so that E[e^h] = 1 in the stationary distribution. */
  readonly logVarianceMean: number;
  /** Annual variance from jumps: idiosyncratic plus beta² × the index's. */
  readonly jumpVariance: number;
  /** λ_i·E[e^J − 1] + λ_m·E[e^(βJ_m) − 1]: removed from the drift so jumps do not change the expected return. */
  readonly jumpCompensator: number;
};

/** E[J²; J < 0] for J ~ N(mean, stdDev²). */
function downsideSecondMoment(mean: number, stdDev: number): number {
  if (stdDev === 0) return mean < 0 ? mean * mean : 0;
  const z = mean / stdDev;
  return (mean * mean + stdDev * stdDev) * normalCdf(-z) - mean * stdDev * normalPdf(z);
}

export function createFactorModel(config: MarketFactorConfig): FactorModel {
  const longRunVariance = config.volatility ** 2;
  const kickVariance = (config.jumpIntensity * config.jumpVarianceKick * downsideSecondMoment(config.jumpMean, config.jumpStdDev)) / config.meanReversion;
  return Object.freeze({
    config,
    longRunVariance,
    diffusiveVariance: Math.max(0.25 * longRunVariance, longRunVariance - kickVariance),
    varianceFloor: 0.04 * longRunVariance,
    jumpVariance: config.jumpIntensity * (config.jumpMean ** 2 + config.jumpStdDev ** 2),
  });
}

export function createUnderlyingModel(config: UnderlyingConfig, index: number, factor: FactorModel): UnderlyingModel {
  const market = factor.config;
  const beta = (config.marketCorrelation * config.volatility) / market.volatility;
  const stationaryVariance = config.volOfVol ** 2 / (2 * config.meanReversion);
  const idiosyncraticJumpMoment = Math.exp(config.jumpMean + 0.5 * config.jumpStdDev ** 2) - 1;
  const indexJumpMoment = Math.exp(beta * market.jumpMean + 0.5 * (beta * market.jumpStdDev) ** 2) - 1;
  return Object.freeze({
    config,
    index,
    longRunVariance: config.volatility ** 2,
    beta,
    idiosyncraticWeight: Math.sqrt(1 - config.marketCorrelation ** 2),
    leverageComplement: Math.sqrt(1 - config.leverage ** 2),
    logVarianceMean: -0.5 * stationaryVariance,
    jumpVariance: config.jumpIntensity * (config.jumpMean ** 2 + config.jumpStdDev ** 2) + beta * beta * factor.jumpVariance,
    jumpCompensator: config.jumpIntensity * idiosyncraticJumpMoment + market.jumpIntensity * indexJumpMoment,
  });
}

/** A(κ, T) = (1 − e^(−κT)) / (κT): the weight of today's deviation in the average over [0, T]. */
export function averagingWeight(meanReversion: number, years: number): number {
  const x = meanReversion * years;
  if (x < 1e-6) return 1 - 0.5 * x;
  return (1 - Math.exp(-x)) / x;
}

/** Instantaneous diffusive variance of an underlying. */
export function underlyingVariance(model: UnderlyingModel, factor: FactorModel, marketVariance: number, logVarianceFactor: number): number {
  return model.longRunVariance * (marketVariance / factor.longRunVariance) * Math.exp(logVarianceFactor);
}

/** Expected average total variance (diffusion and jumps) of an underlying over the next `years`. */
export function expectedAverageVariance(model: UnderlyingModel, factor: FactorModel, marketVariance: number, logVarianceFactor: number, years: number): number {
  const marketLongRun = factor.longRunVariance;
  const marketAverage = marketLongRun + (marketVariance - marketLongRun) * averagingWeight(factor.config.meanReversion, years);
  // e^h relaxes towards 1 at the speed of the idiosyncratic factor.
  const idiosyncraticAverage = 1 + (Math.exp(logVarianceFactor) - 1) * averagingWeight(model.config.meanReversion, years);
  return model.longRunVariance * (marketAverage / marketLongRun) * idiosyncraticAverage + model.jumpVariance;
}

/** At-the-money implied volatility for `years` to expiry: √(premium × expected average variance). */
export function atmVolatility(model: UnderlyingModel, factor: FactorModel, marketVariance: number, logVarianceFactor: number, years: number, variancePremium: number): number {
  return Math.sqrt(variancePremium * expectedAverageVariance(model, factor, marketVariance, logVarianceFactor, years));
}

/** Calendar-day horizon of the VIX-like index and of the "IV30" used for IV rank. */
export const VIX_HORIZON_YEARS = 30 / 365;

/** The VIX-like level (volatility points): 100 × √(premium × expected 30-day index variance incl. jumps). */
export function vixLevel(factor: FactorModel, marketVariance: number, config: Pick<MarketConfig, 'variancePremium'>): number {
  const longRun = factor.longRunVariance;
  const average = longRun + (marketVariance - longRun) * averagingWeight(factor.config.meanReversion, VIX_HORIZON_YEARS);
  return 100 * Math.sqrt(config.variancePremium * (average + factor.jumpVariance));
}
