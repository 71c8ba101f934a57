// Loose statistical sanity of a long simulation. Seeded, so the results are exact and cannot
// flake; the bands are wide enough that sound seeds pass them (over 40 seeds the extremes were:
// realised/configured vol 0.74–1.79, corr(ΔVIX, SPY) ≤ −0.58, mean VIX 13.6–22.9, VIX 9.4–48).
import { describe, expect, it } from 'vitest';
import { createMarketConfig, DEFAULT_UNDERLYINGS } from './default-market-config.ts';
import { MarketEngine } from './market-engine.ts';

function standardDeviation(values: readonly number[]): number {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1));
}

function correlation(a: readonly number[], b: readonly number[]): number {
  const meanA = a.reduce((sum, value) => sum + value, 0) / a.length;
  const meanB = b.reduce((sum, value) => sum + value, 0) / b.length;
  let covariance = 0;
  let varianceA = 0;
  let varianceB = 0;
  a.forEach((value, index) => {
    covariance += (value - meanA) * ((b[index] as number) - meanB);
    varianceA += (value - meanA) ** 2;
    varianceB += ((b[index] as number) - meanB) ** 2;
  });
  return covariance / Math.sqrt(varianceA * varianceB);
}

const logReturns = (series: readonly number[]): number[] => series.slice(1).map((value, index) => Math.log(value / (series[index] as number)));

// Two years of sessions with a one-minute step.
const engine = new MarketEngine({ seed: 31, config: createMarketConfig({ stepMs: 60_000 }), startTime: Date.parse('2027-01-04T14:00:00Z') });
const closes = new Map(engine.symbols.map((symbol) => [symbol, [engine.spot(symbol)]]));
const vix: number[] = [engine.vix()];
let lowest = Number.POSITIVE_INFINITY;
let lowestVix = Number.POSITIVE_INFINITY;
let highestVix = 0;
engine.advanceTo(Date.parse('2029-01-03T00:00:00Z'), (step) => {
  for (const symbol of engine.symbols) lowest = Math.min(lowest, engine.spot(symbol));
  lowestVix = Math.min(lowestVix, engine.vix());
  highestVix = Math.max(highestVix, engine.vix());
  if (step.kind !== 'close') return;
  for (const symbol of engine.symbols) closes.get(symbol)?.push(engine.spot(symbol));
  vix.push(engine.vix());
});
const spyReturns = logReturns(closes.get('SPY') ?? []);

describe('a two-year simulation', () => {
  it('when it ends, then it has about 500 sessions and no price ever went non-positive', () => {
    expect(vix.length).toBeGreaterThan(495);
    expect(lowest).toBeGreaterThan(0);
  });

  it('when realised volatility of daily closes is measured, then each underlying is within a wide band around its configured volatility', () => {
    for (const underlying of DEFAULT_UNDERLYINGS) {
      const realised = standardDeviation(logReturns(closes.get(underlying.symbol) ?? [])) * Math.sqrt(252);
      expect(realised).toBeGreaterThan(0.5 * underlying.volatility);
      expect(realised).toBeLessThan(2 * underlying.volatility);
    }
  });

  it('when daily VIX changes are set against SPY returns, then the correlation is clearly negative', () => {
    const vixChanges = vix.slice(1).map((value, index) => value - (vix[index] as number));
    expect(correlation(vixChanges, spyReturns)).toBeLessThan(-0.4);
  });

  it('when the VIX-like index is followed, then it mean-reverts in the teens and stays within historical extremes', () => {
    const mean = vix.reduce((sum, value) => sum + value, 0) / vix.length;
    expect(mean).toBeGreaterThan(11);
    expect(mean).toBeLessThan(26);
    expect(lowestVix).toBeGreaterThan(7);
    expect(highestVix).toBeLessThan(90);
  });

  it('when SPY and the other index products are compared, then they are strongly and positively correlated', () => {
    expect(correlation(logReturns(closes.get('QQQ') ?? []), spyReturns)).toBeGreaterThan(0.7);
    expect(correlation(logReturns(closes.get('IWM') ?? []), spyReturns)).toBeGreaterThan(0.6);
    expect(correlation(logReturns(closes.get('TSLA') ?? []), spyReturns)).toBeLessThan(correlation(logReturns(closes.get('QQQ') ?? []), spyReturns));
  });

  it('when IV rank and percentile are read after two years, then they lie in [0, 100] over a full 252-day window', () => {
    for (const symbol of engine.symbols) {
      const statistics = engine.ivStatistics(symbol);
      expect(statistics.windowDays).toBe(252);
      expect(statistics.rank).toBeGreaterThanOrEqual(0);
      expect(statistics.rank).toBeLessThanOrEqual(100);
      expect(statistics.percentile).toBeGreaterThanOrEqual(0);
      expect(statistics.percentile).toBeLessThanOrEqual(100);
    }
  });
});
