import { describe, expect, it } from 'vitest';
import { addGreeks, createGreeks, positionGreeks, scaleGreeks, sumGreeks, ZERO_GREEKS, type Greeks } from './greeks.ts';

const call: Greeks = { delta: 0.3, gamma: 0.02, theta: -0.05, vega: 0.12, rho: 0.04 };

describe('greeks', () => {
  it('when scaling per-share Greeks to a position, then they multiply by signed quantity × multiplier', () => {
    const longTwo = positionGreeks(call, 2, 100);
    expect(longTwo.delta).toBeCloseTo(60, 12); // shares-equivalent
    expect(longTwo.theta).toBeCloseTo(-10, 12); // $ per day
    expect(longTwo.vega).toBeCloseTo(24, 12); // $ per vol point
    const shortOne = positionGreeks(call, -1, 100);
    expect(shortOne.delta).toBeCloseTo(-30, 12);
    expect(shortOne.theta).toBeCloseTo(5, 12);
  });

  it('when adding and summing Greeks, then each component adds', () => {
    const sum = sumGreeks([positionGreeks(call, 1, 100), positionGreeks(call, -1, 100), positionGreeks(call, 1, 10)]);
    expect(sum.delta).toBeCloseTo(3, 12);
    expect(sum.rho).toBeCloseTo(0.4, 12);
    expect(addGreeks(ZERO_GREEKS, call)).toEqual(call);
    expect(sumGreeks([])).toEqual(ZERO_GREEKS);
    expect(scaleGreeks(call, 0)).toEqual({ delta: 0, gamma: 0, theta: -0, vega: 0, rho: 0 });
  });

  it('when a Greek is not finite, then construction fails naming it', () => {
    expect(() => createGreeks({ ...call, vega: Number.NaN })).toThrow(
      expect.objectContaining({ field: 'greeks.vega', message: 'greeks.vega must be a finite number, got NaN' }),
    );
    expect(createGreeks(call)).toEqual(call);
  });

  it('when the quantity, multiplier or factor is invalid, then scaling fails naming it', () => {
    expect(() => positionGreeks(call, 1.5, 100)).toThrow(expect.objectContaining({ field: 'signedQuantity', message: 'signedQuantity must be an integer, got 1.5' }));
    expect(() => positionGreeks(call, 1, 0)).toThrow(expect.objectContaining({ field: 'multiplier', message: 'multiplier must be a positive integer, got 0' }));
    expect(() => scaleGreeks(call, Number.POSITIVE_INFINITY)).toThrow(expect.objectContaining({ field: 'factor' }));
  });
});
