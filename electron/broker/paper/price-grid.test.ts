import { describe, expect, it } from 'vitest';
import { isOnGrid, roundDownToGrid, roundUpToGrid, stepDown, stepUp, tickAt } from './price-grid.ts';

const micros = (dollars: number): number => Math.round(dollars * 1_000_000);

describe('price grid', () => {
  it('when an option is priced below $3, then the tick is $0.01; at or above $3 it is $0.05', () => {
    expect(tickAt('option', micros(2.99))).toBe(micros(0.01));
    expect(tickAt('option', micros(3))).toBe(micros(0.05));
  });

  it('when a share is priced below $1, then sub-penny ticks are allowed', () => {
    expect(isOnGrid('share', micros(0.5123))).toBe(true);
    expect(isOnGrid('share', micros(10.005))).toBe(false);
  });

  it('when a combo net price is negative, then it is checked against $0.01', () => {
    expect(isOnGrid('combo', micros(-0.45))).toBe(true);
    expect(isOnGrid('combo', micros(-0.455))).toBe(false);
    expect(isOnGrid('combo', micros(-3.05))).toBe(true);
  });

  it('when option prices are checked, then 3.10 is on the grid and 3.12 is not', () => {
    expect(isOnGrid('option', micros(3.1))).toBe(true);
    expect(isOnGrid('option', micros(3.12))).toBe(false);
    expect(isOnGrid('option', micros(2.13))).toBe(true);
  });

  it('when rounding up across the $3 band, then the coarser tick applies', () => {
    expect(roundUpToGrid('option', micros(2.995))).toBe(micros(3));
    expect(roundUpToGrid('option', micros(3.01))).toBe(micros(3.05));
    expect(roundUpToGrid('option', micros(2.111))).toBe(micros(2.12));
  });

  it('when rounding down, then the result is on the grid below', () => {
    expect(roundDownToGrid('option', micros(3.04))).toBe(micros(3));
    expect(roundDownToGrid('option', micros(2.999))).toBe(micros(2.99));
    expect(roundDownToGrid('combo', micros(-0.451))).toBe(micros(-0.46));
  });

  it('when stepping one tick, then the band of the destination is respected', () => {
    expect(stepUp('option', micros(2.99))).toBe(micros(3));
    expect(stepUp('option', micros(3))).toBe(micros(3.05));
    expect(stepDown('option', micros(3))).toBe(micros(2.99));
    expect(stepDown('option', micros(3.05))).toBe(micros(3));
  });
});
