import { describe, expect, it } from 'vitest';
import { priceOption } from '../../shared/options/index.ts';
import { smileFactor, standardisedMoneyness, surfaceVolatility } from './iv-surface.ts';

const spyShape = { skew: 0.3, smile: 0.08 };

describe('smileFactor', () => {
  it('when at the money, then the factor is 1', () => {
    expect(smileFactor(0, spyShape)).toBe(1);
  });

  it('when the strike is below the forward, then the IV is higher than above it (put skew)', () => {
    expect(smileFactor(-1, spyShape)).toBeGreaterThan(1.2);
    expect(smileFactor(1, spyShape)).toBeLessThan(0.85);
    expect(smileFactor(-1, spyShape)).toBeGreaterThan(smileFactor(1, spyShape));
  });

  it('when far out in the call wing, then the smile turns the IV back up', () => {
    expect(smileFactor(4, spyShape)).toBeGreaterThan(smileFactor(1.5, spyShape));
  });

  it('when the moneyness is extreme, then the factor stays within [0.3, 2.5]', () => {
    expect(smileFactor(1e6, { skew: 0, smile: 0.2 })).toBe(2.5);
    expect(smileFactor(50, { skew: 0.6, smile: 0 })).toBeCloseTo(0.4, 10);
  });
});

describe('surfaceVolatility', () => {
  it('when the expiry is shorter, then the same strike sits further out in standardised moneyness (steeper skew per % moneyness)', () => {
    expect(Math.abs(standardisedMoneyness(90, 100, 0.2, Math.sqrt(7 / 365)))).toBeGreaterThan(Math.abs(standardisedMoneyness(90, 100, 0.2, Math.sqrt(90 / 365))));
  });

  it('when the expiry has passed, then the moneyness scale is floored and stays finite', () => {
    expect(Number.isFinite(standardisedMoneyness(90, 100, 0.2, 0))).toBe(true);
  });

  it('when pricing a dense strike grid at the surface IV for the most extreme allowed shape, then IVs are positive and prices monotone in strike', () => {
    for (const shape of [spyShape, { skew: 0.6, smile: 0.2 }, { skew: 0, smile: 0.2 }, { skew: 0.6, smile: 0 }]) {
      for (const [days, atm] of [[1, 0.1], [7, 0.25], [30, 0.6], [90, 0.25], [365, 1.2]] as const) {
        const years = days / 365;
        let previousCall = Number.POSITIVE_INFINITY;
        let previousPut = 0;
        for (let strike = 20; strike <= 400; strike += 0.5) {
          const volatility = surfaceVolatility(strike, 100, atm, Math.sqrt(years), shape);
          expect(volatility).toBeGreaterThan(0);
          const input = { spot: 100, strike, years, rate: 0, dividendYield: 0, volatility };
          const call = priceOption({ ...input, right: 'call' });
          const put = priceOption({ ...input, right: 'put' });
          expect(call).toBeLessThanOrEqual(previousCall);
          expect(put).toBeGreaterThanOrEqual(previousPut);
          previousCall = call;
          previousPut = put;
        }
      }
    }
  });
});
