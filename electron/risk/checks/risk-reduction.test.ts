import { describe, expect, it } from 'vitest';
import { intentLegs } from '../order-legs.ts';
import { put430, put440, putSpread, spy } from '../testing/risk-world.ts';
import { contractKey } from '../../../shared/domain/contract.ts';
import { reducesEveryPosition } from './risk-reduction.ts';

const held = (entries: [string, number][]) => new Map(entries);
const short2 = held([[contractKey(put440), -2]]);

describe('reducesEveryPosition', () => {
  it('when an order buys back part or all of a short position, then it reduces', () => {
    expect(reducesEveryPosition(intentLegs({ instrument: put440, action: 'BUY', quantity: 1 }), short2)).toBe(true);
    expect(reducesEveryPosition(intentLegs({ instrument: put440, action: 'BUY', quantity: 2 }), short2)).toBe(true);
  });

  it('when an order would flip the position through zero, then it does not reduce', () => {
    expect(reducesEveryPosition(intentLegs({ instrument: put440, action: 'BUY', quantity: 3 }), short2)).toBe(false);
  });

  it('when an order adds to the position or trades a contract not held, then it does not reduce', () => {
    expect(reducesEveryPosition(intentLegs({ instrument: put440, action: 'SELL', quantity: 1 }), short2)).toBe(false);
    expect(reducesEveryPosition(intentLegs({ instrument: spy, action: 'SELL', quantity: 1 }), short2)).toBe(false);
  });

  it('when a combo closes every leg, then it reduces; when one leg would open, then it does not', () => {
    const spreadHeld = held([[contractKey(put440), -2], [contractKey(put430), 2]]);
    // Selling the spread as defined reverses it: BUY the 440, SELL the 430.
    expect(reducesEveryPosition(intentLegs({ instrument: putSpread, action: 'SELL', quantity: 2 }), spreadHeld)).toBe(true);
    expect(reducesEveryPosition(intentLegs({ instrument: putSpread, action: 'SELL', quantity: 2 }), short2)).toBe(false);
    expect(reducesEveryPosition(intentLegs({ instrument: putSpread, action: 'BUY', quantity: 1 }), spreadHeld)).toBe(false);
  });
});
