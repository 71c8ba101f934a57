import { describe, expect, it } from 'vitest';
import { ceilToTick, floorToTick, tickSize } from './tick-rules.ts';

describe('tick rules', () => {
  it('when the rule is penny, then every price trades in cents', () => {
    expect(tickSize('penny', 0.5)).toBe(0.01);
    expect(tickSize('penny', 25)).toBe(0.01);
    expect(floorToTick('penny', 12.347)).toBe(12.34);
    expect(ceilToTick('penny', 12.341)).toBe(12.35);
  });

  it('when the rule is penny-pilot, then cents apply under $3 and nickels from $3', () => {
    expect(tickSize('penny-pilot', 2.99)).toBe(0.01);
    expect(tickSize('penny-pilot', 3)).toBe(0.05);
    expect(floorToTick('penny-pilot', 2.987)).toBe(2.98);
    expect(floorToTick('penny-pilot', 3.04)).toBe(3);
    expect(ceilToTick('penny-pilot', 3.01)).toBe(3.05);
    expect(ceilToTick('penny-pilot', 2.991)).toBe(3);
  });

  it('when the rule is nickel-dime, then nickels apply under $3 and dimes from $3', () => {
    expect(floorToTick('nickel-dime', 2.97)).toBe(2.95);
    expect(floorToTick('nickel-dime', 3.07)).toBe(3);
    expect(ceilToTick('nickel-dime', 3.01)).toBe(3.1);
  });

  it('when a price sits on a tick, then rounding keeps it despite binary representation', () => {
    expect(floorToTick('penny', 2.3)).toBe(2.3);
    expect(ceilToTick('penny', 2.3)).toBe(2.3);
    expect(floorToTick('penny-pilot', 4.35)).toBe(4.35);
  });

  it('when a bid is below one tick or negative, then it is 0; an ask is at least one tick', () => {
    expect(floorToTick('penny', 0.004)).toBe(0);
    expect(floorToTick('penny', -1)).toBe(0);
    expect(ceilToTick('penny', 0)).toBe(0.01);
    expect(ceilToTick('nickel-dime', 0.001)).toBe(0.05);
  });
});
