import { describe, expect, it } from 'vitest';
import { DEFAULT_MARKET_CONFIG, DEFAULT_MARKET_FACTOR, DEFAULT_UNDERLYINGS } from './default-market-config.ts';
import { atmVolatility, averagingWeight, createFactorModel, createUnderlyingModel, expectedAverageVariance, vixLevel } from './volatility-model.ts';

const factor = createFactorModel(DEFAULT_MARKET_FACTOR);
const spy = createUnderlyingModel(DEFAULT_UNDERLYINGS[0]!, 0, factor);
const tsla = createUnderlyingModel(DEFAULT_UNDERLYINGS[4]!, 4, factor);

describe('factor and underlying models', () => {
  it('when built from the defaults, then beta = correlation × vol / index vol', () => {
    expect(spy.beta).toBeCloseTo(0.98, 10);
    expect(tsla.beta).toBeCloseTo((0.5 * 0.55) / 0.15, 10);
  });

  it('when down-jumps kick the variance, then the diffusive target sits below the long-run variance', () => {
    expect(factor.diffusiveVariance).toBeLessThan(factor.longRunVariance);
    expect(factor.diffusiveVariance).toBeGreaterThan(0.25 * factor.longRunVariance);
    expect(createFactorModel({ ...DEFAULT_MARKET_FACTOR, jumpIntensity: 0 }).diffusiveVariance).toBe(factor.longRunVariance);
  });
});

describe('averagingWeight', () => {
  it('when the horizon is zero, then today counts fully; as it grows, the weight falls towards 0', () => {
    expect(averagingWeight(5, 0)).toBe(1);
    expect(averagingWeight(5, 0.1)).toBeCloseTo((1 - Math.exp(-0.5)) / 0.5, 12);
    expect(averagingWeight(5, 10)).toBeLessThan(0.03);
  });
});

describe('term structure', () => {
  it('when the index variance is below its long-run level, then ATM IV rises with expiry (contango)', () => {
    const calm = factor.longRunVariance * 0.5;
    expect(atmVolatility(spy, factor, calm, 0, 7 / 365, 1.2)).toBeLessThan(atmVolatility(spy, factor, calm, 0, 90 / 365, 1.2));
  });

  it('when the index variance spikes, then ATM IV falls with expiry (inverted)', () => {
    const spike = factor.longRunVariance * 4;
    expect(atmVolatility(spy, factor, spike, 0, 7 / 365, 1.2)).toBeGreaterThan(atmVolatility(spy, factor, spike, 0, 90 / 365, 1.2));
  });

  it('when the horizon is very long, then the expected variance tends to the long-run variance plus jumps', () => {
    expect(expectedAverageVariance(spy, factor, factor.longRunVariance * 3, 0.5, 1000)).toBeCloseTo(spy.longRunVariance + spy.jumpVariance, 3);
  });
});

describe('vixLevel', () => {
  it('when the index variance is at its long-run level, then the VIX-like index is in the high teens', () => {
    const level = vixLevel(factor, factor.longRunVariance, DEFAULT_MARKET_CONFIG);
    expect(level).toBeGreaterThan(16);
    expect(level).toBeLessThan(20);
  });

  it('when the index variance rises, then the VIX-like index rises', () => {
    expect(vixLevel(factor, 0.09, DEFAULT_MARKET_CONFIG)).toBeGreaterThan(vixLevel(factor, 0.02, DEFAULT_MARKET_CONFIG));
  });
});
