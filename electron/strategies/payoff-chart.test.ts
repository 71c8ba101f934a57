import { describe, expect, it } from 'vitest';
import { payoffAtExpiry, type PayoffOptionLeg } from '../../shared/options/index.ts';
import { payoffChart, payoffRange } from './payoff-chart.ts';

const shortPut = (strike: number, volatility: number, years: number): PayoffOptionLeg => ({ right: 'put', strike, quantity: -1, multiplier: 100, entryPrice: 2, volatility, years });

describe('payoffRange', () => {
  it('when the legs carry 20 % IV over a quarter, then the range is ±3 σ √T around the spot in log terms', () => {
    const range = payoffRange({ spot: 100, legs: [shortPut(95, 0.2, 0.25)], steps: 100 });
    expect(range.from).toBeCloseTo(Math.floor(100 * Math.exp(-0.3) * 100) / 100, 9);
    expect(range.to).toBeCloseTo(Math.ceil(100 * Math.exp(0.3) * 100) / 100, 9);
    expect(range.steps).toBe(100);
  });

  it('when the expiry is near, then the range is still at least ±5 % around the spot', () => {
    const range = payoffRange({ spot: 100, legs: [shortPut(100, 0.1, 1 / 365)], steps: 10 });
    // Below, the strike's 5 % margin (95) reaches further than spot·e^(−0.05) (95.12).
    expect(range.from).toBe(95);
    expect(range.to).toBeCloseTo(Math.ceil(100 * Math.exp(0.05) * 100) / 100, 9);
  });

  it('when a strike lies outside ±3 σ, then the range widens to show it with 5 % to spare', () => {
    const range = payoffRange({ spot: 100, legs: [shortPut(60, 0.1, 0.1)], steps: 10 });
    expect(range.from).toBe(57);
  });
});

describe('payoffChart', () => {
  it('when drawn, then it has steps + 1 points whose at-expiry values are payoffAtExpiry and today values lie above them for a long option', () => {
    const legs: PayoffOptionLeg[] = [{ right: 'call', strike: 100, quantity: 1, multiplier: 100, entryPrice: 3, volatility: 0.25, years: 0.2 }];
    const chart = payoffChart({ spot: 100, legs, pricing: { rate: 0.04, dividendYield: 0 }, steps: 20 });
    expect(chart.points).toHaveLength(21);
    for (const point of chart.points) {
      expect(point.atExpiry).toBeCloseTo(payoffAtExpiry(legs, point.underlyingPrice), 9);
      expect(point.today).toBeGreaterThan(point.atExpiry);
    }
  });
});
