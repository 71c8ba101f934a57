import { describe, expect, it } from 'vitest';
import { spyOption } from '../broker/paper/testing/paper-fixture.ts';
import { restoreCombo } from '../../shared/domain/combo.ts';
import { orderPrices, type QuoteSource } from './combo-pricing.ts';
import { priceOrder } from './order-pricing.ts';

const call560 = spyOption(560);
const call570 = spyOption(570);
const quotes: QuoteSource = { quote: (contract) => (contract.kind === 'option' ? ({ 560: { bid: 2.0, ask: 2.1 }, 570: { bid: 1.0, ask: 1.15 } } as Record<number, { bid: number; ask: number }>)[contract.strike] : undefined) };
const vertical = restoreCombo({ legs: [{ contract: call560, ratio: 1, action: 'BUY' }, { contract: call570, ratio: 1, action: 'SELL' }] });
const walk = { step: { kind: 'amount', amount: 0.01 }, intervalMs: 1_000 } as const;

describe('order prices from quotes', () => {
  it('when a combo is bought, then the natural price buys BUY legs at the ask and sells SELL legs at the bid; the mid rounds down', () => {
    expect(orderPrices(vertical, 'BUY', quotes)).toEqual({ mid: 0.97, natural: 1.1 });
  });

  it('when a combo is sold, then each leg trades on the other side and the mid rounds up', () => {
    expect(orderPrices(vertical, 'SELL', quotes)).toEqual({ mid: 0.98, natural: 0.85 });
  });

  it('when a single contract is priced, then the natural price is the ask to buy and the bid to sell', () => {
    expect(orderPrices(call560, 'BUY', quotes)).toEqual({ mid: 2.05, natural: 2.1 });
    expect(orderPrices(call560, 'SELL', quotes)).toEqual({ mid: 2.05, natural: 2.0 });
  });

  it('when a leg has no bid, then there is no price', () => {
    expect(orderPrices(call560, 'BUY', { quote: () => ({ bid: 0, ask: 0.05 }) })).toBeUndefined();
  });
});

describe('priceOrder', () => {
  it('when neither limit nor walk is given for a position order, then it is a market order', () => {
    expect(priceOrder({ instrument: vertical, action: 'BUY', quantity: 1 }, {}, quotes)).toEqual({ terms: { instrument: vertical, action: 'BUY', quantity: 1, type: 'MKT', tif: 'DAY' }, walk: undefined });
  });

  it('when a credit is required and walked, then the walk may not go above a one-cent credit', () => {
    const credit = restoreCombo({ legs: [{ contract: call560, ratio: 1, action: 'SELL' }, { contract: call570, ratio: 1, action: 'BUY' }] });
    const priced = priceOrder({ instrument: credit, action: 'BUY', quantity: 1 }, { walk, requireCredit: true }, quotes);
    expect(priced).toMatchObject({ terms: { type: 'LMT', limitPrice: -0.98 }, walk: { plan: { credit: true, minimumCreditCents: 1 }, natural: -0.85 } });
  });

  it('when a market order is given a limit, then it is refused', () => {
    expect(priceOrder({ instrument: vertical, action: 'BUY', quantity: 1 }, { type: 'MKT', limitPrice: 1 }, quotes)).toBe('a market order takes no limit price and no walk');
    expect(priceOrder({ instrument: vertical, action: 'BUY', quantity: 1 }, { type: 'MKT', requireCredit: true }, quotes)).toMatch(/cannot promise a credit/);
  });

  it('when the walk options are bad, then the pricing fails naming them', () => {
    expect(priceOrder({ instrument: vertical, action: 'BUY', quantity: 1 }, { walk: { ...walk, intervalMs: -1 } }, quotes)).toMatch(/walk.intervalMs/);
  });
});
