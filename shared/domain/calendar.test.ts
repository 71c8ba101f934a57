import { describe, expect, it } from 'vitest';
import { addDays, compareIsoDates, daysBetween, newYorkDate, parseIsoDate } from './calendar.ts';

const fieldError = (field: string, message: string) => expect.objectContaining({ field, message });

describe('parseIsoDate', () => {
  it('when the text is a real date, then it is accepted', () => {
    expect(parseIsoDate('2026-12-18')).toBe('2026-12-18');
    expect(parseIsoDate('2028-02-29')).toBe('2028-02-29');
  });

  it.each([
    ['2026-02-29', 'must be a real calendar date'],
    ['2026-13-01', 'must be a real calendar date'],
    ['2026-04-31', 'must be a real calendar date'],
    ['1899-12-31', 'must be a real calendar date'],
  ])('when the date is %s, then parsing fails naming the field', (text, requirement) => {
    expect(() => parseIsoDate(text, 'expiry')).toThrow(fieldError('expiry', `expiry ${requirement}, got "${text}"`));
  });

  it.each(['2026-1-05', '20260105', '2026-01-05T00:00:00Z', ''])('when the text %j is not YYYY-MM-DD, then parsing fails', (text) => {
    expect(() => parseIsoDate(text, 'expiry')).toThrow(fieldError('expiry', `expiry must be a date written 'YYYY-MM-DD', got ${JSON.stringify(text)}`));
  });

  it('when the value is not a string, then parsing fails', () => {
    expect(() => parseIsoDate(20260105)).toThrow(fieldError('date', "date must be a date written 'YYYY-MM-DD', got 20260105"));
  });
});

describe('newYorkDate', () => {
  it('when it is late evening in New York (next day in UTC), then the New York date is returned', () => {
    // 2026-01-15 04:59 UTC = 2026-01-14 23:59 EST (UTC−5).
    expect(newYorkDate(Date.UTC(2026, 0, 15, 4, 59))).toBe('2026-01-14');
    expect(newYorkDate(Date.UTC(2026, 0, 15, 5, 0))).toBe('2026-01-15');
  });

  it('when daylight saving time applies, then the offset is four hours', () => {
    // 2026-07-01 03:59 UTC = 2026-06-30 23:59 EDT (UTC−4).
    expect(newYorkDate(Date.UTC(2026, 6, 1, 3, 59))).toBe('2026-06-30');
    expect(newYorkDate(Date.UTC(2026, 6, 1, 4, 0))).toBe('2026-07-01');
  });

  it('when now is not a finite number, then it fails naming now', () => {
    expect(() => newYorkDate(Number.NaN)).toThrow(fieldError('now', 'now must be epoch milliseconds, got NaN'));
  });
});

describe('date arithmetic', () => {
  it('when comparing dates, then the order is chronological', () => {
    expect(compareIsoDates(parseIsoDate('2026-01-02'), parseIsoDate('2026-01-10'))).toBe(-1);
    expect(compareIsoDates(parseIsoDate('2026-01-10'), parseIsoDate('2026-01-10'))).toBe(0);
    expect(compareIsoDates(parseIsoDate('2026-02-01'), parseIsoDate('2026-01-10'))).toBe(1);
  });

  it('when counting days across a DST change and a leap day, then whole calendar days are returned', () => {
    expect(daysBetween(parseIsoDate('2026-03-01'), parseIsoDate('2026-03-31'))).toBe(30);
    expect(daysBetween(parseIsoDate('2028-02-28'), parseIsoDate('2028-03-01'))).toBe(2);
    expect(daysBetween(parseIsoDate('2026-12-18'), parseIsoDate('2026-12-11'))).toBe(-7);
  });

  it('when adding days, then the calendar rolls over months and years', () => {
    expect(addDays(parseIsoDate('2026-12-30'), 3)).toBe('2027-01-02');
    expect(addDays(parseIsoDate('2026-03-01'), -1)).toBe('2026-02-28');
    expect(() => addDays(parseIsoDate('2026-03-01'), 1.5)).toThrow(fieldError('days', 'days must be an integer, got 1.5'));
  });
});
