import { describe, expect, it } from 'vitest';
import { reduceOrClose, unitsNeeded } from './reduce-or-close.ts';

describe('reduceOrClose', () => {
  it('when fewer units than the quantity must go, then it reduces; when all must go, it closes', () => {
    expect(reduceOrClose(5, 4)).toEqual({ action: 'REDUCE', reduceQuantity: 4 });
    expect(reduceOrClose(5, 5)).toEqual({ action: 'CLOSE', reduceQuantity: undefined });
    expect(reduceOrClose(5, 9)).toEqual({ action: 'CLOSE', reduceQuantity: undefined });
  });
});

describe('unitsNeeded', () => {
  it('when the excess is a whole number of units, then exactly that many (float noise ignored); otherwise one more', () => {
    expect(unitsNeeded(12.5, 6.25)).toBe(2);
    expect(unitsNeeded(0.3 - 0.1, 0.1)).toBe(2); // 0.19999999999999998 / 0.1
    expect(unitsNeeded(12.6, 6.25)).toBe(3);
    expect(unitsNeeded(0.001, 6.25)).toBe(1);
  });
});
