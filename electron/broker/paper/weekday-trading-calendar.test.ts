import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../../../shared/domain/calendar.ts';
import { WeekdayTradingCalendar } from './weekday-trading-calendar.ts';

const at = (iso: string): number => Date.parse(iso);
const calendar = new WeekdayTradingCalendar({ holidays: ['2026-04-03'] });

describe('WeekdayTradingCalendar', () => {
  it('when it is 09:30 New York on a winter weekday, then the session is open (UTC−5)', () => {
    expect(calendar.isRegularHours(at('2026-03-06T14:30:00Z'))).toBe(true);
    expect(calendar.isRegularHours(at('2026-03-06T14:29:59Z'))).toBe(false);
  });

  it('when it is 09:30 New York after the DST switch, then the session opens an hour earlier in UTC', () => {
    expect(calendar.isRegularHours(at('2026-03-09T13:30:00Z'))).toBe(true);
    expect(calendar.isRegularHours(at('2026-03-09T13:29:59Z'))).toBe(false);
  });

  it('when it is exactly 16:00, then the session is closed (the close is exclusive)', () => {
    expect(calendar.isRegularHours(at('2026-03-10T19:59:59Z'))).toBe(true);
    expect(calendar.isRegularHours(at('2026-03-10T20:00:00Z'))).toBe(false);
  });

  it('when it is a weekend or a holiday, then there is no session', () => {
    expect(calendar.isRegularHours(at('2026-03-07T15:00:00Z'))).toBe(false);
    expect(calendar.isRegularHours(at('2026-04-03T15:00:00Z'))).toBe(false);
  });

  it('when asked for the session close during a session, then it is today 16:00; after the close, the next trading day', () => {
    expect(calendar.sessionClose(at('2026-03-10T15:00:00Z'))).toBe(at('2026-03-10T20:00:00Z'));
    expect(calendar.sessionClose(at('2026-03-10T20:00:00Z'))).toBe(at('2026-03-11T20:00:00Z'));
    expect(calendar.sessionClose(at('2026-03-13T21:00:00Z'))).toBe(at('2026-03-16T20:00:00Z'));
  });

  it('when asked for the next open, then before the open it is today, during or after the session the next trading day', () => {
    expect(calendar.nextSessionOpen(at('2026-03-10T12:00:00Z'))).toBe(at('2026-03-10T13:30:00Z'));
    expect(calendar.nextSessionOpen(at('2026-03-10T15:00:00Z'))).toBe(at('2026-03-11T13:30:00Z'));
    expect(calendar.nextSessionOpen(at('2026-04-02T21:00:00Z'))).toBe(at('2026-04-06T13:30:00Z'));
  });

  it('when asked for an expiration time, then it is 16:00 New York on the expiry date', () => {
    expect(calendar.expirationTime('2026-03-20' as IsoDate)).toBe(at('2026-03-20T20:00:00Z'));
    expect(calendar.expirationTime('2026-01-16' as IsoDate)).toBe(at('2026-01-16T21:00:00Z'));
  });

  it('when the hours are configured, then they are used', () => {
    const short = new WeekdayTradingCalendar({ openMinutes: 600, closeMinutes: 780 });
    expect(short.isRegularHours(at('2026-03-10T13:59:00Z'))).toBe(false);
    expect(short.isRegularHours(at('2026-03-10T16:59:00Z'))).toBe(true);
    expect(short.sessionClose(at('2026-03-10T15:00:00Z'))).toBe(at('2026-03-10T17:00:00Z'));
  });

  it('when the open is not before the close, then construction fails naming both', () => {
    expect(() => new WeekdayTradingCalendar({ openMinutes: 960, closeMinutes: 570 })).toThrow(/open .* before the close/);
  });
});
