import { describe, expect, it } from 'vitest';
import { restoreCombo } from '../../../shared/domain/combo.ts';
import { comboLimitMet, comboMarket } from './combo-pricing.ts';
import { toTouchQuote, type TouchQuote } from './fill-model.ts';

const m = (dollars: number): number => Math.round(dollars * 1_000_000);
const leg = (strike: number, action: 'BUY' | 'SELL', ratio = 1) => ({
  contract: { underlyingSymbol: 'SPY', expiry: '2026-03-20', strike, right: 'call' as const },
  ratio,
  action,
});
const vertical = restoreCombo({ legs: [leg(560, 'BUY'), leg(570, 'SELL')] });
const butterfly = restoreCombo({ legs: [leg(550, 'BUY'), leg(560, 'SELL', 2), leg(570, 'BUY')] });

function touch(bid: number, ask: number, size = 10): TouchQuote {
  return toTouchQuote({ bid, ask, bidSize: size, askSize: size, last: undefined, time: 0 }) as TouchQuote;
}

describe('combo pricing', () => {
  it('when a vertical is bought, then the long leg pays its ask and the short leg receives its bid', () => {
    const market = comboMarket({ combo: vertical, orderAction: 'BUY', quotes: [touch(2.0, 2.1), touch(1.0, 1.1)], consumed: [0, 0], marketSlippageBps: undefined });
    expect(market?.netMicros).toBe(m(1.1));
    expect(market?.legs.map((entry) => [entry.action, entry.priceMicros])).toEqual([['BUY', m(2.1)], ['SELL', m(1.0)]]);
  });

  it('when the same vertical is sold, then the actions flip and the net is bid minus ask', () => {
    const market = comboMarket({ combo: vertical, orderAction: 'SELL', quotes: [touch(2.0, 2.1), touch(1.0, 1.1)], consumed: [0, 0], marketSlippageBps: undefined });
    expect(market?.netMicros).toBe(m(0.9));
    expect(market?.legs.map((entry) => entry.action)).toEqual(['SELL', 'BUY']);
  });

  it('when a leg has a ratio, then it counts ratio times in the net and in the available units', () => {
    const market = comboMarket({
      combo: butterfly, orderAction: 'BUY', quotes: [touch(5.0, 5.2, 10), touch(2.0, 2.1, 7), touch(0.5, 0.6, 10)], consumed: [0, 0, 0], marketSlippageBps: undefined,
    });
    // 5.2 − 2 × 2.0 + 0.6 = 1.8; the short middle leg has 7 on the bid → 3 units.
    expect(market?.netMicros).toBe(m(1.8));
    expect(market?.availableUnits).toBe(3);
  });

  it('when legs fill at the natural price, then their signed prices sum exactly to the net', () => {
    const market = comboMarket({ combo: butterfly, orderAction: 'SELL', quotes: [touch(5.07, 5.23), touch(2.01, 2.13), touch(0.51, 0.63)], consumed: [0, 0, 0], marketSlippageBps: 5 });
    const signed = market!.legs.reduce((total, entry) => total + (butterfly.legs[entry.legIndex]!.action === 'BUY' ? 1 : -1) * entry.ratio * entry.priceMicros, 0);
    expect(signed).toBe(market!.netMicros);
  });

  it('when a leg has no market on the needed side, then the combo cannot trade', () => {
    expect(comboMarket({ combo: vertical, orderAction: 'BUY', quotes: [touch(2.0, 2.1), touch(0, 1.1)], consumed: [0, 0], marketSlippageBps: undefined })).toBeUndefined();
    expect(comboMarket({ combo: vertical, orderAction: 'BUY', quotes: [touch(2.0, 2.1), undefined], consumed: [0, 0], marketSlippageBps: undefined })).toBeUndefined();
  });

  it('when a credit is asked, then a BUY fills at or below the (negative) limit and a SELL at or above', () => {
    expect(comboLimitMet('BUY', m(-0.9), m(-0.85))).toBe(true);
    expect(comboLimitMet('BUY', m(-0.8), m(-0.85))).toBe(false);
    expect(comboLimitMet('SELL', m(0.9), m(0.85))).toBe(true);
  });
});
