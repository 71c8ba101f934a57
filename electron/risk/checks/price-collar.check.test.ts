import { describe, expect, it } from 'vitest';
import { contractKey, type Contract } from '../../../shared/domain/contract.ts';
import { defaultRiskLimits } from '../../../shared/domain/risk.ts';
import type { RiskQuote } from '../risk-inputs.ts';
import { optionQuote, put430, put440, putSpread } from '../testing/risk-world.ts';
import { checkPriceCollar, referencePrice } from './price-collar.check.ts';

const now = 1_000_000;
const lookup = (quotes: [Contract, RiskQuote | undefined][]) => {
  const map = new Map(quotes.map(([contract, quote]) => [contractKey(contract), quote]));
  return (contract: Contract) => map.get(contractKey(contract));
};
const fresh = lookup([[put440, optionQuote(1, -0.15, 0.3, now)], [put430, optionQuote(0.6, -0.1, 0.25, now)]]);
const collar = (limitPrice: number | undefined, quoteOf = fresh, type: 'LMT' | 'MKT' | 'STP_LMT' = 'LMT', instrument: Contract | typeof putSpread = put440) =>
  checkPriceCollar({ type, limitPrice }, referencePrice(instrument, quoteOf, now, 5_000), defaultRiskLimits);

describe('price collar', () => {
  it('when the limit is exactly 20 % from the mid, then it is allowed; further, then denied PRICE_COLLAR', () => {
    expect(collar(1.2)).toBeUndefined();
    expect(collar(0.8)).toBeUndefined();
    expect(collar(1.2001)).toMatchObject({ code: 'PRICE_COLLAR', reason: expect.stringContaining('reference mid 1') });
    expect(collar(0.7999)?.code).toBe('PRICE_COLLAR');
  });

  it('when the option is cheap, then the minimum width of $0.10 applies', () => {
    const cheap = lookup([[put440, optionQuote(0.05, -0.01, 0.01, now)]]);
    expect(collar(0.15, cheap)).toBeUndefined();
    expect(collar(0.1501, cheap)?.code).toBe('PRICE_COLLAR');
  });

  it('when the reference is missing, zero, NaN, infinite or its quote throws, then the order fails closed with NO_REFERENCE_PRICE', () => {
    const throwing = () => {
      throw new Error('feed down');
    };
    for (const quoteOf of [lookup([]), lookup([[put440, optionQuote(0, 0, 0, now)]]), lookup([[put440, optionQuote(Number.NaN, 0, 0, now)]]), lookup([[put440, optionQuote(Number.POSITIVE_INFINITY, 0, 0, now)]]), throwing]) {
      expect(collar(1, quoteOf)).toMatchObject({ code: 'NO_REFERENCE_PRICE' });
    }
  });

  it('when the reference is exactly staleDataMs old, then it is fresh; one millisecond older, then NO_REFERENCE_PRICE', () => {
    expect(collar(1, lookup([[put440, optionQuote(1, -0.15, 0.3, now - 5_000)]]))).toBeUndefined();
    expect(collar(1, lookup([[put440, optionQuote(1, -0.15, 0.3, now - 5_001)]]))).toMatchObject({ code: 'NO_REFERENCE_PRICE', reason: expect.stringContaining('5001 ms old') });
  });

  it('when a market order has a fresh reference, then it passes; without one, then it fails closed', () => {
    expect(collar(undefined, fresh, 'MKT')).toBeUndefined();
    expect(collar(undefined, lookup([]), 'MKT')?.code).toBe('NO_REFERENCE_PRICE');
  });

  it('when a stop-limit sits far from the mid, then its limit is not collared', () => {
    expect(collar(3, fresh, 'STP_LMT')).toBeUndefined();
  });

  it('when a combo is priced, then its reference is the net mid of the legs (a credit is negative)', () => {
    expect(referencePrice(putSpread, fresh, now, 5_000)).toEqual({ ok: true, mid: -0.4, bid: -0.4, ask: -0.4 });
    expect(collar(-0.4, fresh, 'LMT', putSpread)).toBeUndefined();
    expect(collar(-0.3, fresh, 'LMT', putSpread)).toBeUndefined();
    expect(collar(-0.2999, fresh, 'LMT', putSpread)?.code).toBe('PRICE_COLLAR');
    expect(collar(0.4, fresh, 'LMT', putSpread)?.code).toBe('PRICE_COLLAR');
  });

  it('when the quotes have a bid and ask, then any limit between the natural bid and ask passes and the collar counts from their edges', () => {
    const quoted = lookup([
      [put440, { ...optionQuote(1, -0.15, 0.3, now), bid: 0.9, ask: 1.1 }],
      [put430, { ...optionQuote(0.6, -0.1, 0.25, now), bid: 0.5, ask: 0.7 }],
    ]);
    // Selling 440 and buying 430 as defined (BUY 430, SELL 440): natural bid −0.6, ask −0.2.
    expect(referencePrice(putSpread, quoted, now, 5_000)).toEqual({ ok: true, mid: -0.4, bid: expect.closeTo(-0.6, 12), ask: expect.closeTo(-0.2, 12) });
    expect(collar(-0.2, quoted, 'LMT', putSpread)).toBeUndefined();
    // The collar width is max(20 % of |−0.4|, 0.10) = 0.10 beyond either edge.
    expect(collar(-0.1, quoted, 'LMT', putSpread)).toBeUndefined();
    expect(collar(-0.0999, quoted, 'LMT', putSpread)).toMatchObject({ code: 'PRICE_COLLAR', reason: expect.stringContaining('natural range') });
    expect(collar(-0.7, quoted, 'LMT', putSpread)).toBeUndefined();
    expect(collar(-0.7001, quoted, 'LMT', putSpread)?.code).toBe('PRICE_COLLAR');
    // A single option: 1.1 (the ask) + 0.2 (20 % of the mid 1) passes, a cent more does not.
    expect(collar(1.3, quoted)).toBeUndefined();
    expect(collar(1.3001, quoted)?.code).toBe('PRICE_COLLAR');
  });

  it('when one leg of a combo has no fresh quote, then the combo has no reference', () => {
    const oneLeg = lookup([[put440, optionQuote(1, -0.15, 0.3, now)], [put430, optionQuote(0.6, -0.1, 0.25, now - 60_000)]]);
    expect(collar(-0.4, oneLeg, 'LMT', putSpread)).toMatchObject({ code: 'NO_REFERENCE_PRICE', reason: expect.stringContaining('430 P') });
  });
});
