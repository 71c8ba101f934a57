import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../../shared/domain/index.ts';
import { isThirdFriday, listExpirations } from './expirations.ts';

describe('listExpirations', () => {
  it('when listed on a Monday, then every Friday within the weekly horizon and the monthlies to the monthly horizon appear', () => {
    const listed = listExpirations('2026-11-23' as IsoDate, 56, 130);
    // Christmas (Friday 25th) and New Year's Day (Friday 1st) move the expiry to the Thursday.
    expect(listed.map((item) => item.expiry)).toEqual([
      '2026-11-27', '2026-12-04', '2026-12-11', '2026-12-18', '2026-12-24', '2026-12-31', '2027-01-08', '2027-01-15', '2027-02-19', '2027-03-19',
    ]);
    expect(listed.filter((item) => item.monthly).map((item) => item.expiry)).toEqual(['2026-12-18', '2027-01-15', '2027-02-19', '2027-03-19']);
  });

  it('when a Friday is a holiday, then the expiry moves to the trading day before (Good Friday 2026 → Thursday April 2)', () => {
    const listed = listExpirations('2026-03-30' as IsoDate, 14, 14).map((item) => item.expiry);
    expect(listed).toContain('2026-04-02');
    expect(listed).not.toContain('2026-04-03');
  });

  it('when listed on an expiry Friday, then that day is listed', () => {
    expect(listExpirations('2026-11-27' as IsoDate, 7, 7)[0]?.expiry).toBe('2026-11-27');
  });

  it('when listed with the default horizons, then the last expiry is at least 90 days out', () => {
    for (const today of ['2026-01-05', '2026-04-20', '2026-08-10', '2026-11-23']) {
      const last = listExpirations(today as IsoDate, 56, 130).at(-1)?.expiry as string;
      expect((Date.parse(last) - Date.parse(today)) / 86_400_000).toBeGreaterThanOrEqual(90);
    }
  });
});

describe('isThirdFriday', () => {
  it('when the date is the third Friday, then true; another Friday or weekday, false', () => {
    expect(isThirdFriday('2026-12-18' as IsoDate)).toBe(true);
    expect(isThirdFriday('2026-12-11' as IsoDate)).toBe(false);
    expect(isThirdFriday('2026-12-17' as IsoDate)).toBe(false);
  });
});
