import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../../../shared/domain/calendar.ts';
import { createUnderlying, restoreOptionContract } from '../../../shared/domain/contract.ts';
import { fromDollars, ZERO_MONEY } from '../../../shared/domain/money.ts';
import { PaperLedger } from './paper-ledger.ts';

const option = restoreOptionContract({ underlyingSymbol: 'SPY', expiry: '2026-03-20', strike: 560, right: 'call' });
const spy = createUnderlying({ kind: 'etf', symbol: 'SPY' });
const day1 = Date.parse('2026-03-10T15:00:00Z');
const day2 = Date.parse('2026-03-11T15:00:00Z');
const m = (dollars: number): number => Math.round(dollars * 1_000_000);

function ledger(): PaperLedger {
  return new PaperLedger({ cash: fromDollars(10_000), positions: [], realizedToday: ZERO_MONEY, realizedDay: '2026-03-10' as IsoDate });
}

describe('PaperLedger', () => {
  it('when an option is bought, then cash falls by price × 100 × contracts plus commission', () => {
    const book = ledger();
    book.apply({ contract: option, action: 'BUY', quantity: 2, priceMicros: m(2.11), commission: fromDollars(1.3), time: day1 });
    expect(book.cash).toBe(fromDollars(10_000 - 422 - 1.3));
    expect(book.position(option)?.quantity).toBe(2);
  });

  it('when a round trip closes, then realized today is proceeds − cost − commissions, exactly', () => {
    const book = ledger();
    book.apply({ contract: option, action: 'BUY', quantity: 3, priceMicros: m(2.11), commission: fromDollars(1.95), time: day1 });
    book.apply({ contract: option, action: 'SELL', quantity: 3, priceMicros: m(2.57), commission: fromDollars(1.95), time: day1 });
    expect(book.realizedToday(day1)).toBe(fromDollars(3 * 46 - 3.9));
    expect(book.cash).toBe(fromDollars(10_000 + 138 - 3.9));
    expect(book.openPositions()).toEqual([]);
  });

  it('when a new New York day starts, then realized today starts from zero', () => {
    const book = ledger();
    book.apply({ contract: spy, action: 'BUY', quantity: 10, priceMicros: m(500), commission: fromDollars(1), time: day1 });
    expect(book.realizedToday(day2)).toBe(ZERO_MONEY);
    book.apply({ contract: spy, action: 'SELL', quantity: 10, priceMicros: m(501), commission: fromDollars(1), time: day2 });
    // 10 × $1 gain − the $1 sell commission; the buy commission was booked on day 1.
    expect(book.realizedToday(day2)).toBe(fromDollars(9));
  });

  it('when positions change, then takeDirty returns each changed position once', () => {
    const book = ledger();
    book.apply({ contract: spy, action: 'BUY', quantity: 10, priceMicros: m(500), commission: ZERO_MONEY, time: day1 });
    book.apply({ contract: spy, action: 'BUY', quantity: 5, priceMicros: m(501), commission: ZERO_MONEY, time: day1 });
    expect(book.takeDirty().map((position) => position.quantity)).toEqual([15]);
    expect(book.takeDirty()).toEqual([]);
  });
});
