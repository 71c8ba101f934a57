import { describe, expect, it } from 'vitest';
import { limitFill, marketFillSlices, slippedPrice, toTouchQuote, type TouchQuote } from './fill-model.ts';

const m = (dollars: number): number => Math.round(dollars * 1_000_000);

function touch(bid: number, ask: number, bidSize = 10, askSize = 10): TouchQuote {
  return toTouchQuote({ bid, ask, bidSize, askSize, last: undefined, time: 0 }) as TouchQuote;
}

const market = (quote: TouchQuote, action: 'BUY' | 'SELL', remaining: number, consumed = 0) =>
  marketFillSlices({ action, quote, grid: 'option', remaining, consumed, slippageBps: 5, maximumLevels: 10 });

const limit = (quote: TouchQuote, action: 'BUY' | 'SELL', limitPrice: number, options: { remaining?: number; draw?: boolean; rests?: boolean } = {}) =>
  limitFill({
    action,
    quote,
    limitMicros: m(limitPrice),
    remaining: options.remaining ?? 1,
    consumedContra: 0,
    consumedOwn: 0,
    restsAtTouch: options.rests ?? true,
    drawTouchFill: () => options.draw ?? true,
  }).slices;

describe('fill model: market orders', () => {
  it('when slippage of 5 bps is below one tick, then a buy pays the ask plus one tick', () => {
    expect(slippedPrice('BUY', touch(2.0, 2.1), 'option', 5)).toBe(m(2.11));
    expect(slippedPrice('SELL', touch(2.0, 2.1), 'option', 5)).toBe(m(1.99));
  });

  it('when 5 bps of the mid exceeds a tick, then it is used and rounded onto the grid away from the touch', () => {
    // mid 400.5 → 0.20025 of slippage: 401 + 0.20025 → 401.25 on the $0.05 grid.
    expect(slippedPrice('BUY', touch(400, 401), 'option', 5)).toBe(m(401.25));
    // 400 − 0.20025 = 399.79975 → 399.75.
    expect(slippedPrice('SELL', touch(400, 401), 'option', 5)).toBe(m(399.75));
  });

  it('when the slipped buy crosses $3, then the $0.05 tick applies', () => {
    expect(slippedPrice('BUY', touch(2.9, 2.99), 'option', 5)).toBe(m(3));
  });

  it('when a sell would slip below zero, then it fills at the bid of one tick', () => {
    expect(slippedPrice('SELL', touch(0.01, 0.05), 'option', 5)).toBe(m(0.01));
  });

  it('when a market order is larger than the displayed size, then each further slice is one tick worse', () => {
    expect(market(touch(2.0, 2.1, 10, 4), 'BUY', 10)).toEqual([
      { quantity: 4, priceMicros: m(2.11) },
      { quantity: 4, priceMicros: m(2.12) },
      { quantity: 2, priceMicros: m(2.13) },
    ]);
  });

  it('when earlier orders of the pass took liquidity, then the sweep continues where they stopped', () => {
    expect(market(touch(2.0, 2.1, 10, 4), 'BUY', 3, 6)).toEqual([
      { quantity: 2, priceMicros: m(2.12) },
      { quantity: 1, priceMicros: m(2.13) },
    ]);
  });

  it('when the sweep reaches the level limit, then the rest is left to work', () => {
    const slices = marketFillSlices({ action: 'SELL', quote: touch(2.0, 2.1, 1, 1), grid: 'option', remaining: 5, consumed: 0, slippageBps: 5, maximumLevels: 2 });
    expect(slices).toEqual([{ quantity: 1, priceMicros: m(1.99) }, { quantity: 1, priceMicros: m(1.98) }]);
  });

  it('when the contra side has no market, then nothing fills', () => {
    expect(market(touch(0, 0.05), 'SELL', 1)).toEqual([]);
  });
});

describe('fill model: limit orders', () => {
  it('when a buy limit is at or above the ask, then it fills at the ask for up to the displayed size', () => {
    expect(limit(touch(2.0, 2.1, 10, 3), 'BUY', 2.2, { remaining: 5 })).toEqual([{ quantity: 3, priceMicros: m(2.1) }]);
  });

  it('when a sell limit is at or below the bid, then it fills at the bid', () => {
    expect(limit(touch(2.0, 2.1), 'SELL', 1.95)).toEqual([{ quantity: 1, priceMicros: m(2.0) }]);
  });

  it('when a buy limit rests at the bid and the draw succeeds, then it fills at its limit', () => {
    expect(limit(touch(2.0, 2.1), 'BUY', 2.0, { draw: true })).toEqual([{ quantity: 1, priceMicros: m(2.0) }]);
  });

  it('when the touch draw fails, then nothing fills', () => {
    expect(limit(touch(2.0, 2.1), 'BUY', 2.0, { draw: false })).toEqual([]);
  });

  it('when the order cannot rest (IOC), then a touch limit gets nothing', () => {
    expect(limit(touch(2.0, 2.1), 'BUY', 2.05, { rests: false })).toEqual([]);
  });

  it('when a buy limit is below the bid, then it never fills and never draws', () => {
    let drawn = false;
    const { slices } = limitFill({
      action: 'BUY', quote: touch(2.0, 2.1), limitMicros: m(1.5), remaining: 1, consumedContra: 0, consumedOwn: 0, restsAtTouch: true,
      drawTouchFill: () => (drawn = true),
    });
    expect(slices).toEqual([]);
    expect(drawn).toBe(false);
  });

  it('when the quote is crossed or not finite, then it is unusable', () => {
    expect(toTouchQuote({ bid: 2.2, ask: 2.1, bidSize: 1, askSize: 1, last: undefined, time: 0 })).toBeUndefined();
    expect(toTouchQuote({ bid: Number.NaN, ask: 2.1, bidSize: 1, askSize: 1, last: undefined, time: 0 })).toBeUndefined();
  });
});
