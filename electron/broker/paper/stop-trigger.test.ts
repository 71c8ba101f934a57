import { describe, expect, it } from 'vitest';
import { createUnderlying, restoreOptionContract } from '../../../shared/domain/contract.ts';
import { toTouchQuote, type TouchQuote } from './fill-model.ts';
import { isStopTriggered, trailingStopFor, triggerReference, updateTrail, type TrailSpec } from './stop-trigger.ts';

const m = (dollars: number): number => Math.round(dollars * 1_000_000);
const option = restoreOptionContract({ underlyingSymbol: 'SPY', expiry: '2026-03-20', strike: 560, right: 'call' });
const shares = createUnderlying({ kind: 'stock', symbol: 'AAPL' });
const quote = (bid: number, ask: number, last?: number): TouchQuote => toTouchQuote({ bid, ask, bidSize: 1, askSize: 1, last, time: 0 }) as TouchQuote;
const byAmount = (amount: number): TrailSpec => ({ amountMicros: m(amount), percent: undefined });

describe('stop triggers', () => {
  it('when an option stop is watched, then a buy looks at the ask and a sell at the bid', () => {
    expect(triggerReference(option, 'BUY', quote(2.0, 2.1, 5))).toBe(m(2.1));
    expect(triggerReference(option, 'SELL', quote(2.0, 2.1, 5))).toBe(m(2.0));
  });

  it('when a share stop is watched and a last trade is known, then the last is used', () => {
    expect(triggerReference(shares, 'SELL', quote(100, 100.1, 99.5))).toBe(m(99.5));
    expect(triggerReference(shares, 'SELL', quote(100, 100.1))).toBe(m(100));
  });

  it('when the reference reaches the stop, then a buy stop (at or above) and a sell stop (at or below) trigger', () => {
    expect(isStopTriggered('BUY', m(3), m(3))).toBe(true);
    expect(isStopTriggered('BUY', m(3), m(2.95))).toBe(false);
    expect(isStopTriggered('SELL', m(1.5), m(1.5))).toBe(true);
    expect(isStopTriggered('SELL', m(1.5), m(1.51))).toBe(false);
  });

  it('when a percent trail is computed, then it is rounded away from the market onto the grid', () => {
    expect(trailingStopFor('SELL', { amountMicros: undefined, percent: 15 }, m(2.05), 'option')).toBe(m(1.74));
    expect(trailingStopFor('BUY', { amountMicros: undefined, percent: 20 }, m(2.1), 'option')).toBe(m(2.52));
    expect(trailingStopFor('BUY', byAmount(1), m(2.1), 'option')).toBe(m(3.1));
  });

  it('when a sell trail sees higher bids, then its stop rises; a lower bid never lowers it', () => {
    let state = updateTrail('SELL', byAmount(0.5), { referenceMicros: undefined, stopMicros: undefined }, m(2.0), 'option');
    expect(state).toEqual({ referenceMicros: m(2.0), stopMicros: m(1.5) });
    state = updateTrail('SELL', byAmount(0.5), state, m(2.4), 'option');
    expect(state.stopMicros).toBe(m(1.9));
    state = updateTrail('SELL', byAmount(0.5), state, m(2.1), 'option');
    expect(state).toEqual({ referenceMicros: m(2.4), stopMicros: m(1.9) });
  });

  it('when an initial stop is tighter than the trail, then it is kept until the trail passes it', () => {
    const state = updateTrail('SELL', byAmount(0.5), { referenceMicros: undefined, stopMicros: m(1.8) }, m(2.0), 'option');
    expect(state.stopMicros).toBe(m(1.8));
  });
});
