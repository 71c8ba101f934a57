import { describe, expect, it } from 'vitest';
import { DEFAULT_MARKET_FACTOR, DEFAULT_UNDERLYINGS } from './default-market-config.ts';
import { IndexFactorProcess, UnderlyingProcess } from './price-process.ts';
import { RandomStream } from './random.ts';
import { createFactorModel, createUnderlyingModel } from './volatility-model.ts';

const factor = createFactorModel(DEFAULT_MARKET_FACTOR);
const day = 1 / 252;

function simulate(seed: number, days: number, config = DEFAULT_UNDERLYINGS[0]!) {
  const index = new IndexFactorProcess(factor, new RandomStream(seed, 'index'));
  const underlying = new UnderlyingProcess(createUnderlyingModel(config, 0, factor), factor, new RandomStream(seed, 'underlying'));
  const prices = [underlying.price];
  const variances = [index.variance];
  for (let step = 0; step < days; step++) {
    const before = index.variance;
    index.step(day);
    underlying.step(day, before, index.lastShock, index.lastJump);
    prices.push(underlying.price);
    variances.push(index.variance);
  }
  return { prices, variances };
}

describe('IndexFactorProcess', () => {
  it('when stepped for years, then the variance stays above its floor and averages near the long-run level', () => {
    const { variances } = simulate(11, 252 * 20);
    expect(Math.min(...variances)).toBeGreaterThanOrEqual(factor.varianceFloor);
    const mean = variances.reduce((sum, value) => sum + value, 0) / variances.length;
    expect(mean).toBeGreaterThan(0.6 * factor.longRunVariance);
    expect(mean).toBeLessThan(1.6 * factor.longRunVariance);
  });

  it('when the step is zero, then nothing moves', () => {
    const index = new IndexFactorProcess(factor, new RandomStream(1, 'index'), 0.03);
    index.step(0);
    expect(index.variance).toBeCloseTo(0.03, 12);
    expect(index.lastJump).toBe(0);
  });
});

describe('UnderlyingProcess', () => {
  it('when stepped daily for twenty years, then prices stay positive and realised volatility is near the configured level', () => {
    const { prices } = simulate(12, 252 * 20);
    expect(Math.min(...prices)).toBeGreaterThan(0);
    const returns = prices.slice(1).map((price, index) => Math.log(price / (prices[index] as number)));
    const mean = returns.reduce((sum, value) => sum + value, 0) / returns.length;
    const volatility = Math.sqrt((returns.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (returns.length - 1)) * 252);
    expect(volatility).toBeGreaterThan(0.11);
    expect(volatility).toBeLessThan(0.22);
  });

  it('when two processes share a seed, then their paths are identical; another seed differs', () => {
    expect(simulate(5, 100).prices).toEqual(simulate(5, 100).prices);
    expect(simulate(6, 100).prices).not.toEqual(simulate(5, 100).prices);
  });

  it('when an underlying has idiosyncratic jumps, then its path differs from the same underlying without them', () => {
    const tsla = DEFAULT_UNDERLYINGS[4]!;
    expect(simulate(5, 300, tsla).prices).not.toEqual(simulate(5, 300, { ...tsla, jumpIntensity: 0 }).prices);
  });
});
