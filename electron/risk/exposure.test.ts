import { describe, expect, it } from 'vitest';
import { contractKey, type Contract } from '../../shared/domain/contract.ts';
import { exposureOf, netPositions, withLegs } from './exposure.ts';
import { intentLegs } from './order-legs.ts';
import { optionQuote, put430, put440, putSpread, shareQuote, spy } from './testing/risk-world.ts';

const now = 1_000_000;
const quotes = new Map([
  [contractKey(put440), optionQuote(1.15, -0.15, 0.3, now)],
  [contractKey(put430), optionQuote(0.8, -0.1, 0.25, now)],
  [contractKey(spy), shareQuote(500, now)],
]);
const quoteOf = (contract: Contract) => quotes.get(contractKey(contract));

describe('exposure', () => {
  it('when lines of one contract are split across strategies, then they net per contract and flat contracts drop out', () => {
    const net = netPositions([
      { contract: put440, quantity: -2 },
      { contract: put440, quantity: -1 },
      { contract: put430, quantity: 1 },
      { contract: put430, quantity: -1 },
    ]);
    expect([...net.entries()].map(([key, position]) => [key, position.quantity])).toEqual([[contractKey(put440), -3]]);
  });

  it('when an order is applied, then the legs add to the net positions', () => {
    const after = withLegs(netPositions([{ contract: put440, quantity: -1 }]), intentLegs({ instrument: putSpread, action: 'BUY', quantity: 2 }));
    expect([...after.values()].map((position) => [contractKey(position.contract), position.quantity])).toEqual([
      [contractKey(put440), -3],
      [contractKey(put430), 2],
    ]);
  });

  it('when options and shares are held, then delta is in shares, vega in $ per point and the amount at risk is the net delta in dollars', () => {
    const exposure = exposureOf(netPositions([{ contract: put440, quantity: -2 }, { contract: put430, quantity: 2 }, { contract: spy, quantity: -10 }]), quoteOf, now, 5_000);
    // 440: −2 × 100 × −0.15 = +30; 430: 2 × 100 × −0.10 = −20; shares −10.
    expect(exposure.delta).toBeCloseTo(0, 9);
    expect(exposure.vega).toBeCloseTo(-2 * 100 * 0.3 + 2 * 100 * 0.25, 9);
    expect(exposure.atRiskByUnderlying.get('SPY')).toBeCloseTo(Math.abs(30 - 20 - 10) * 500, 6); // offsetting: flat
    const unhedged = exposureOf(netPositions([{ contract: put440, quantity: -2 }, { contract: spy, quantity: 10 }]), quoteOf, now, 5_000);
    expect(unhedged.atRiskByUnderlying.get('SPY')).toBeCloseTo((30 + 10) * 500, 6);
    expect(exposure.unpriced).toEqual([]);
  });

  it('when a held contract has no usable quote, then it is listed as unpriced rather than guessed', () => {
    const exposure = exposureOf(netPositions([{ contract: put440, quantity: -1 }]), () => undefined, now, 5_000);
    expect(exposure).toMatchObject({ delta: 0, vega: 0, unpriced: [contractKey(put440)] });
  });
});
