// The stochastic processes, stepped in trading time (dt in years of 252 sessions).
//
// Index factor: stochastic variance v_m = e^x with x an Ornstein-Uhlenbeck process (the
// "exponential OU" stochastic-volatility model: lognormal, mean-reverting, never near zero,
// which matches the observed distribution of the VIX better than a Heston variance that
// breaks the Feller condition), plus Merton jumps:
//   Z_m, Z_x correlated by `leverage`;  N ~ Poisson(λ_m dt),  J_m = Σ N(μ_m, σ_m)
//   x ← exact OU step towards ln θ_d − ξ_m²/(4κ_m);  v_m ← max(floor, e^x + kick·J_m² if J_m < 0)
// where θ_d is θ_m less the average the kicks add, so the mean including spikes is θ_m.
// Underlying i (log-price with the factor's shock, idiosyncratic noise and jumps):
//   Z_i = ρ_i Z_m + √(1 − ρ_i²) ε_i,   v_i = θ_i (v_m/θ_m) e^h_i
//   ln S ← ln S + (μ_i − v_i/2 − k_i) dt + √(v_i dt) Z_i + Σ N(μ_i, σ_i) + β_i J_m
//   h_i  ← exact OU step, its shock correlated with ε_i by `leverage`
// Each process draws from its own RandomStream, so paths depend only on (seed, its label).
import type { RandomStream } from './random.ts';
import type { FactorModel, UnderlyingModel } from './volatility-model.ts';
import { underlyingVariance } from './volatility-model.ts';

/** Sum of `count` normal jump sizes. */
function jumpSum(stream: RandomStream, count: number, mean: number, stdDev: number): number {
  let sum = 0;
  for (let jump = 0; jump < count; jump++) sum += mean + stdDev * stream.normal();
  return sum;
}

/** Exact Ornstein-Uhlenbeck coefficients for one dt: x ← mean + (x − mean)·decay + noise·Z. */
type OuStep = { dt: number; decay: number; noise: number };

function ouStep(cached: OuStep, dt: number, meanReversion: number, volatility: number): OuStep {
  if (cached.dt === dt) return cached;
  const decay = Math.exp(-meanReversion * dt);
  return { dt, decay, noise: volatility * Math.sqrt((1 - decay * decay) / (2 * meanReversion)) };
}

export class IndexFactorProcess {
  readonly model: FactorModel;
  variance: number;
  /** The diffusive shock Z_m and the log jump J_m of the last step, read by the underlyings. */
  lastShock = 0;
  lastJump = 0;
  readonly #stream: RandomStream;
  readonly #logMean: number;
  #ou: OuStep = { dt: -1, decay: 1, noise: 0 };

  constructor(model: FactorModel, stream: RandomStream, initialVariance = model.diffusiveVariance) {
    this.model = model;
    this.#stream = stream;
    this.variance = initialVariance;
    const { meanReversion, volOfVol } = model.config;
    this.#logMean = Math.log(model.diffusiveVariance) - (volOfVol * volOfVol) / (4 * meanReversion);
  }

  step(dt: number): void {
    const config = this.model.config;
    const stream = this.#stream;
    const shock = stream.normal();
    const varianceShock = config.leverage * shock + Math.sqrt(1 - config.leverage ** 2) * stream.normal();
    const jumps = stream.poisson(config.jumpIntensity * dt);
    const jump = jumps === 0 ? 0 : jumpSum(stream, jumps, config.jumpMean, config.jumpStdDev);
    const ou = (this.#ou = ouStep(this.#ou, dt, config.meanReversion, config.volOfVol));
    const logVariance = this.#logMean + (Math.log(this.variance) - this.#logMean) * ou.decay + ou.noise * varianceShock;
    let next = Math.exp(logVariance);
    if (jump < 0) next += config.jumpVarianceKick * jump * jump;
    this.variance = next > this.model.varianceFloor ? next : this.model.varianceFloor;
    this.lastShock = shock;
    this.lastJump = jump;
  }
}

export class UnderlyingProcess {
  readonly model: UnderlyingModel;
  readonly factor: FactorModel;
  price: number;
  /** h: the idiosyncratic log-variance factor. */
  logVarianceFactor: number;
  readonly #stream: RandomStream;
  #ou: OuStep = { dt: -1, decay: 1, noise: 0 };

  constructor(model: UnderlyingModel, factor: FactorModel, stream: RandomStream, logVarianceFactor = model.logVarianceMean) {
    this.model = model;
    this.factor = factor;
    this.#stream = stream;
    this.price = model.config.price;
    this.logVarianceFactor = logVarianceFactor;
  }

  /** Advances by dt, given the index variance at the start of the step and the index's shock and jump. */
  step(dt: number, marketVariance: number, marketShock: number, marketJump: number): void {
    const model = this.model;
    const config = model.config;
    const stream = this.#stream;
    const own = stream.normal();
    const varianceShock = config.leverage * own + model.leverageComplement * stream.normal();
    const jumps = config.jumpIntensity > 0 ? stream.poisson(config.jumpIntensity * dt) : 0;
    const jump = jumps === 0 ? 0 : jumpSum(stream, jumps, config.jumpMean, config.jumpStdDev);
    const variance = underlyingVariance(model, this.factor, marketVariance, this.logVarianceFactor);
    const shock = config.marketCorrelation * marketShock + model.idiosyncraticWeight * own;
    const logReturn = (config.drift - 0.5 * variance - model.jumpCompensator) * dt + Math.sqrt(variance * dt) * shock + jump + model.beta * marketJump;
    this.price *= Math.exp(logReturn);
    const ou = (this.#ou = ouStep(this.#ou, dt, config.meanReversion, config.volOfVol));
    const mean = model.logVarianceMean;
    this.logVarianceFactor = mean + (this.logVarianceFactor - mean) * ou.decay + ou.noise * varianceShock;
  }

}
