// Points for a payoff chart: P&L at expiry and "today" (Black-Scholes-Merton at each leg's IV,
// from shared/options payoffCurve) over a price range around the underlying.
//
// Range: ±3 standard deviations of the underlying at the last expiry in log terms,
// spot·e^(∓3σ√T) with σ the mean IV of the legs, at least ±5 % (so a short-dated chart is not a
// sliver), widened to show every strike with 5 % to spare; ends rounded to cents, outward.
import { payoffCurve, type PayoffLeg, type PayoffPoint, type PayoffRange } from '../../shared/options/index.ts';
import type { PricingParameters } from './option-chain-port.ts';

export const DEFAULT_PAYOFF_STEPS = 100;
const STANDARD_DEVIATIONS = 3;
const MINIMUM_HALF_WIDTH = 0.05;
const STRIKE_MARGIN = 0.05;

export interface PayoffChart {
  readonly range: PayoffRange;
  /** range.steps + 1 points; P&L in dollars for the whole position (all units). */
  readonly points: readonly PayoffPoint[];
}

export interface ChartInputs {
  readonly spot: number;
  readonly legs: readonly (PayoffLeg & { readonly right: 'call' | 'put' })[];
  readonly pricing: PricingParameters;
  readonly steps: number;
}

export function payoffRange(inputs: Pick<ChartInputs, 'spot' | 'legs' | 'steps'>): PayoffRange {
  const { spot, legs, steps } = inputs;
  const volatility = legs.reduce((total, leg) => total + leg.volatility, 0) / Math.max(1, legs.length);
  const years = Math.max(0, ...legs.map((leg) => leg.years));
  const halfWidth = Math.max(STANDARD_DEVIATIONS * volatility * Math.sqrt(years), MINIMUM_HALF_WIDTH);
  const strikes = legs.map((leg) => leg.strike);
  const low = Math.min(spot * Math.exp(-halfWidth), ...strikes.map((strike) => strike * (1 - STRIKE_MARGIN)));
  const high = Math.max(spot * Math.exp(halfWidth), ...strikes.map((strike) => strike * (1 + STRIKE_MARGIN)));
  return { from: Math.max(0.01, Math.floor(low * 100) / 100), to: Math.ceil(high * 100) / 100, steps };
}

export function payoffChart(inputs: ChartInputs): PayoffChart {
  const range = payoffRange(inputs);
  const market = { years: 0, rate: inputs.pricing.rate, dividendYield: inputs.pricing.dividendYield };
  return Object.freeze({ range: Object.freeze(range), points: Object.freeze(payoffCurve(inputs.legs, range, market).map((point) => Object.freeze(point))) });
}
