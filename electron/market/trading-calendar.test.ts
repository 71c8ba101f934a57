import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../../shared/domain/index.ts';
import {
  currentOrNextSession,
  isOpen,
  isTradingDay,
  nextOpen,
  nextTradingDay,
  previousTradingDay,
  sessionClose,
  sessionDate,
  sessionOpen,
  tradingDaysBetween,
  tradingSession,
} from './trading-calendar.ts';

const at = (iso: string): number => Date.parse(iso);
const day = (date: string): IsoDate => date as IsoDate;

describe('isTradingDay', () => {
  it('when the day is a weekend, then it is not a trading day', () => {
    expect(isTradingDay(day('2026-11-21'))).toBe(false);
    expect(isTradingDay(day('2026-11-22'))).toBe(false);
    expect(isTradingDay(day('2026-11-23'))).toBe(true);
  });

  it('when the day is a holiday, then it is not a trading day', () => {
    expect(isTradingDay(day('2026-11-26'))).toBe(false);
    expect(isTradingDay(day('2025-01-09'))).toBe(false);
  });

  it('when a whole year is counted, then it has its weekdays less its weekday holidays (250, 251, 251 for 2025–2027)', () => {
    expect(tradingDaysBetween(day('2024-12-31'), day('2025-12-31'))).toBe(250);
    expect(tradingDaysBetween(day('2025-12-31'), day('2026-12-31'))).toBe(251);
    expect(tradingDaysBetween(day('2026-12-31'), day('2027-12-31'))).toBe(251);
  });
});

describe('session open and close', () => {
  it('when the day is a regular winter day, then the session runs 14:30–21:00 UTC', () => {
    expect(sessionOpen(day('2026-01-15'))).toBe(at('2026-01-15T14:30:00Z'));
    expect(sessionClose(day('2026-01-15'))).toBe(at('2026-01-15T21:00:00Z'));
  });

  it('when the day is the Monday after the spring DST switch, then the session runs 13:30–20:00 UTC', () => {
    expect(sessionOpen(day('2026-03-09'))).toBe(at('2026-03-09T13:30:00Z'));
    expect(sessionClose(day('2026-03-09'))).toBe(at('2026-03-09T20:00:00Z'));
    expect(sessionOpen(day('2026-03-06'))).toBe(at('2026-03-06T14:30:00Z'));
  });

  it('when the day is the Monday after the autumn DST switch, then the session is back to 14:30 UTC', () => {
    expect(sessionOpen(day('2026-10-30'))).toBe(at('2026-10-30T13:30:00Z'));
    expect(sessionOpen(day('2026-11-02'))).toBe(at('2026-11-02T14:30:00Z'));
  });

  it('when the day closes early, then the close is 13:00 New York', () => {
    const session = tradingSession(day('2026-11-27'));
    expect(session?.earlyClose).toBe(true);
    expect(session?.close).toBe(at('2026-11-27T18:00:00Z'));
    expect(sessionClose(day('2025-07-03'))).toBe(at('2025-07-03T17:00:00Z'));
  });

  it('when the day is closed, then sessionOpen fails naming the holiday', () => {
    expect(() => sessionOpen(day('2026-12-25'))).toThrow(/2026-12-25 is not a trading day \(Christmas Day\)/);
    expect(() => sessionClose(day('2026-11-21'))).toThrow(/weekend/);
    expect(tradingSession(day('2026-11-21'))).toBeUndefined();
  });
});

describe('isOpen', () => {
  it('when the instant is inside regular hours, then the market is open; at the close it is closed', () => {
    expect(isOpen(at('2026-11-23T14:29:59Z'))).toBe(false);
    expect(isOpen(at('2026-11-23T14:30:00Z'))).toBe(true);
    expect(isOpen(at('2026-11-23T20:59:59Z'))).toBe(true);
    expect(isOpen(at('2026-11-23T21:00:00Z'))).toBe(false);
  });

  it('when the instant is on a weekend, a holiday or after an early close, then the market is closed', () => {
    expect(isOpen(at('2026-11-21T16:00:00Z'))).toBe(false);
    expect(isOpen(at('2026-11-26T16:00:00Z'))).toBe(false);
    expect(isOpen(at('2026-11-27T18:30:00Z'))).toBe(false);
  });
});

describe('nextOpen and currentOrNextSession', () => {
  it('when asked on Friday evening before a regular weekend, then the next open is Monday 09:30', () => {
    expect(nextOpen(at('2026-11-20T22:00:00Z'))).toBe(at('2026-11-23T14:30:00Z'));
  });

  it('when asked before the open of a trading day, then it is that morning', () => {
    expect(nextOpen(at('2026-11-23T12:00:00Z'))).toBe(at('2026-11-23T14:30:00Z'));
  });

  it('when asked during a session, then the next open is the following trading day, skipping Thanksgiving', () => {
    expect(nextOpen(at('2026-11-25T16:00:00Z'))).toBe(at('2026-11-27T14:30:00Z'));
  });

  it('when asked during a session, then the current session is returned; after the close, the next one', () => {
    expect(currentOrNextSession(at('2026-11-23T16:00:00Z')).date).toBe('2026-11-23');
    expect(currentOrNextSession(at('2026-11-23T21:00:00Z')).date).toBe('2026-11-24');
    expect(currentOrNextSession(at('2026-12-24T18:00:00Z')).date).toBe('2026-12-28');
  });
});

describe('sessionDate', () => {
  it('when the instant is during or after a session, then it is that day; before the open or on a weekend, the previous session', () => {
    expect(sessionDate(at('2026-11-23T15:00:00Z'))).toBe('2026-11-23');
    expect(sessionDate(at('2026-11-23T23:00:00Z'))).toBe('2026-11-23');
    expect(sessionDate(at('2026-11-23T13:00:00Z'))).toBe('2026-11-20');
    expect(sessionDate(at('2026-11-22T15:00:00Z'))).toBe('2026-11-20');
  });
});

describe('trading day arithmetic', () => {
  it('when stepping over a long weekend, then next and previous trading days skip it', () => {
    expect(nextTradingDay(day('2026-04-02'))).toBe('2026-04-06');
    expect(previousTradingDay(day('2026-04-06'))).toBe('2026-04-02');
    expect(nextTradingDay(day('2026-12-24'))).toBe('2026-12-28');
  });

  it('when counting trading days, then the start is excluded, the end included, and the order gives the sign', () => {
    expect(tradingDaysBetween(day('2026-11-20'), day('2026-11-23'))).toBe(1);
    expect(tradingDaysBetween(day('2026-11-23'), day('2026-11-23'))).toBe(0);
    expect(tradingDaysBetween(day('2026-11-23'), day('2026-11-30'))).toBe(4);
    expect(tradingDaysBetween(day('2026-11-30'), day('2026-11-23'))).toBe(-4);
  });
});
