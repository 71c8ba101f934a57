import { describe, expect, it } from 'vitest';
import { parseIsoDate } from '../../shared/domain/calendar.ts';
import { fromDollars } from '../../shared/domain/money.ts';
import { dayAt, withNewPosition, type RiskDay } from './risk-day.ts';

const tuesday = parseIsoDate('2026-03-10');
const wednesday = parseIsoDate('2026-03-11');
const day: RiskDay = { tradingDay: tuesday, startOfDayNetLiquidation: fromDollars(100_000), newPositionsToday: 4 };

describe('risk day', () => {
  it('when the trading day is the same, then the day is kept as it is', () => {
    expect(dayAt(day, tuesday, fromDollars(90_000))).toBe(day);
  });

  it('when the trading day turns, then counters restart at 0 and the latest net liquidation is the baseline', () => {
    expect(dayAt(day, wednesday, fromDollars(97_000))).toEqual({ tradingDay: wednesday, startOfDayNetLiquidation: fromDollars(97_000), newPositionsToday: 0 });
  });

  it('when the day has no baseline yet, then the first net liquidation seen becomes it', () => {
    const fresh = dayAt(day, wednesday, undefined);
    expect(fresh.startOfDayNetLiquidation).toBeUndefined();
    expect(dayAt(fresh, wednesday, fromDollars(96_000)).startOfDayNetLiquidation).toBe(fromDollars(96_000));
  });

  it('when a new position is counted, then the count grows by one', () => {
    expect(withNewPosition(day).newPositionsToday).toBe(5);
  });
});
