import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../../shared/domain/index.ts';
import { easterSunday, holidayName, isEarlyClose, nyseEarlyCloses, nyseHolidays, weekdayOf } from './nyse-holidays.ts';

const dates = (year: number): string[] => nyseHolidays(year).map((holiday) => holiday.date);

describe('easterSunday', () => {
  it('when computed for known years, then it matches the published Easter dates', () => {
    const known: Record<number, string> = { 2000: '2000-04-23', 2008: '2008-03-23', 2011: '2011-04-24', 2019: '2019-04-21', 2024: '2024-03-31', 2025: '2025-04-20', 2026: '2026-04-05', 2027: '2027-03-28', 2038: '2038-04-25' };
    for (const [year, easter] of Object.entries(known)) expect(easterSunday(Number(year))).toBe(easter);
  });

  it('when the year is not an integer in range, then it fails naming the year', () => {
    expect(() => easterSunday(2025.5)).toThrow(/year must be an integer/);
    expect(() => easterSunday(1800)).toThrow(/1800/);
  });
});

describe('nyseHolidays', () => {
  it('when asked for 2025, then it lists the published NYSE holidays and the day of mourning for President Carter', () => {
    expect(dates(2025)).toEqual(['2025-01-01', '2025-01-09', '2025-01-20', '2025-02-17', '2025-04-18', '2025-05-26', '2025-06-19', '2025-07-04', '2025-09-01', '2025-11-27', '2025-12-25']);
  });

  it('when asked for 2026, then Independence Day on a Saturday is observed on Friday July 3', () => {
    expect(dates(2026)).toEqual(['2026-01-01', '2026-01-19', '2026-02-16', '2026-04-03', '2026-05-25', '2026-06-19', '2026-07-03', '2026-09-07', '2026-11-26', '2026-12-25']);
  });

  it('when asked for 2027, then Saturday holidays move to Friday and Sunday holidays to Monday', () => {
    expect(dates(2027)).toEqual(['2027-01-01', '2027-01-18', '2027-02-15', '2027-03-26', '2027-05-31', '2027-06-18', '2027-07-05', '2027-09-06', '2027-11-25', '2027-12-24']);
  });

  it("when New Year's Day falls on a Saturday, then it is not observed at all", () => {
    expect(dates(2022)[0]).toBe('2022-01-17');
    expect(dates(2028)[0]).toBe('2028-01-17');
    expect(holidayName('2027-12-31' as IsoDate)).toBeUndefined();
  });

  it("when New Year's Day falls on a Sunday, then Monday January 2 is the holiday", () => {
    expect(dates(2023)[0]).toBe('2023-01-02');
  });

  it('when Juneteenth falls before 2022, then it is not a market holiday', () => {
    expect(holidayName('2021-06-18' as IsoDate)).toBeUndefined();
    expect(holidayName('2022-06-20' as IsoDate)).toBe('Juneteenth National Independence Day');
  });

  it('when holidays are listed for many years, then every one falls on a weekday', () => {
    for (let year = 1999; year <= 2060; year++) {
      for (const holiday of nyseHolidays(year)) expect([1, 2, 3, 4, 5]).toContain(weekdayOf(holiday.date));
    }
  });

  it('when a date is a holiday, then holidayName names it', () => {
    expect(holidayName('2026-04-03' as IsoDate)).toBe('Good Friday');
    expect(holidayName('2026-04-02' as IsoDate)).toBeUndefined();
  });
});

describe('nyseEarlyCloses', () => {
  it('when asked for 2025, then July 3, the day after Thanksgiving and Christmas Eve close at 13:00', () => {
    expect(nyseEarlyCloses(2025)).toEqual(['2025-07-03', '2025-11-28', '2025-12-24']);
  });

  it('when July 3 is the observed Independence Day (2026), then only the November and December early closes remain', () => {
    expect(nyseEarlyCloses(2026)).toEqual(['2026-11-27', '2026-12-24']);
  });

  it('when Christmas Eve is the observed Christmas (2027) and July 3 a Saturday, then only the day after Thanksgiving closes early', () => {
    expect(nyseEarlyCloses(2027)).toEqual(['2027-11-26']);
  });

  it('when July 3 is a Monday (2023), then it closes early', () => {
    expect(isEarlyClose('2023-07-03' as IsoDate)).toBe(true);
    expect(isEarlyClose('2023-07-05' as IsoDate)).toBe(false);
  });
});
