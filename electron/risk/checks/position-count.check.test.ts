import { describe, expect, it } from 'vitest';
import { checkNewPositionsToday, checkOpenPositions } from './position-count.check.ts';

describe('position count limits', () => {
  it('when 9 of 10 positions are open, then one more may open; when 10 are open, then a new one is denied MAX_OPEN_POSITIONS', () => {
    expect(checkOpenPositions(9, true, 10)).toBeUndefined();
    expect(checkOpenPositions(10, true, 10)?.code).toBe('MAX_OPEN_POSITIONS');
    expect(checkOpenPositions(11, true, 10)?.code).toBe('MAX_OPEN_POSITIONS');
  });

  it('when the order does not open a new position, then the open-position count does not matter', () => {
    expect(checkOpenPositions(12, false, 10)).toBeUndefined();
  });

  it('when 9 positions were opened today, then a tenth may open; when 10 were, then the next is denied MAX_NEW_POSITIONS', () => {
    expect(checkNewPositionsToday(9, true, 10)).toBeUndefined();
    expect(checkNewPositionsToday(10, true, 10)?.code).toBe('MAX_NEW_POSITIONS');
    expect(checkNewPositionsToday(10, false, 10)).toBeUndefined();
  });
});
