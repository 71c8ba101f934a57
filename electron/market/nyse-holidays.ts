// NYSE full-day holidays and 13:00 early closes, computed by rule for any year (NYSE Rule 7.2 as
// it stands today), plus the few one-off closures of recent years.
//
// Observance: a holiday on a Saturday is observed the Friday before, on a Sunday the Monday
// after, except New Year's Day, which is not observed at all when it falls on a Saturday (the
// exchange never closes on the last trading day of a year for it, e.g. 2022 and 2028).
// Rules applied to every year: Martin Luther King Jr. Day from 1998, Juneteenth from 2022.
// Early closes at 13:00: the Friday after Thanksgiving, and Christmas Eve and July 3 when they
// are trading days (so none when they are the observed holiday or fall on a weekend).
import type { IsoDate } from '../../shared/domain/index.ts';

export type MarketHoliday = { readonly date: IsoDate; readonly name: string };

/** Closures outside the rules (national days of mourning, Hurricane Sandy). */
const specialClosures: readonly MarketHoliday[] = [
  { date: '2007-01-02' as IsoDate, name: 'National Day of Mourning (President Ford)' },
  { date: '2012-10-29' as IsoDate, name: 'Hurricane Sandy' },
  { date: '2012-10-30' as IsoDate, name: 'Hurricane Sandy' },
  { date: '2018-12-05' as IsoDate, name: 'National Day of Mourning (President G. H. W. Bush)' },
  { date: '2025-01-09' as IsoDate, name: 'National Day of Mourning (President Carter)' },
];

const FIRST_YEAR = 1900;
const LAST_YEAR = 2200;
const SUNDAY = 0;
const MONDAY = 1;
const THURSDAY = 4;
const SATURDAY = 6;

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw new RangeError(`year must be an integer from ${FIRST_YEAR} to ${LAST_YEAR}, got ${String(year)}`);
  }
}

function isoDate(year: number, month: number, day: number): IsoDate {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10) as IsoDate;
}

/** Day of the week of a date: 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: IsoDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The `n`-th (1-based) `weekday` of a month. */
function nthWeekday(year: number, month: number, weekday: number, n: number): IsoDate {
  const firstWeekday = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  return isoDate(year, month, 1 + ((weekday - firstWeekday + 7) % 7) + 7 * (n - 1));
}

function lastWeekday(year: number, month: number, weekday: number): IsoDate {
  const lastDay = new Date(Date.UTC(year, month, 0));
  const back = (lastDay.getUTCDay() - weekday + 7) % 7;
  return isoDate(year, month, lastDay.getUTCDate() - back);
}

/** Saturday → the Friday before, Sunday → the Monday after. */
function observed(year: number, month: number, day: number): IsoDate {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  if (weekday === SATURDAY) return isoDate(year, month, day - 1);
  if (weekday === SUNDAY) return isoDate(year, month, day + 1);
  return isoDate(year, month, day);
}

/** Easter Sunday (Gregorian calendar), by the anonymous Gregorian computus. */
export function easterSunday(year: number): IsoDate {
  checkYear(year);
  const golden = year % 19;
  const century = Math.floor(year / 100);
  const yearOfCentury = year % 100;
  const leapCenturies = Math.floor(century / 4);
  const skippedLeaps = century % 4;
  const moonCorrection = Math.floor((century + 8) / 25);
  const solarCorrection = Math.floor((century - moonCorrection + 1) / 3);
  const epact = (19 * golden + century - leapCenturies - solarCorrection + 15) % 30;
  const weekdayOffset = (32 + 2 * skippedLeaps + 2 * Math.floor(yearOfCentury / 4) - epact - (yearOfCentury % 4)) % 7;
  const correction = Math.floor((golden + 11 * epact + 22 * weekdayOffset) / 451);
  const monthDay = epact + weekdayOffset - 7 * correction + 114;
  return isoDate(year, Math.floor(monthDay / 31), (monthDay % 31) + 1);
}

function newYearsDay(year: number): MarketHoliday[] {
  const weekday = new Date(Date.UTC(year, 0, 1)).getUTCDay();
  if (weekday === SATURDAY) return [];
  return [{ date: isoDate(year, 1, weekday === SUNDAY ? 2 : 1), name: "New Year's Day" }];
}

function ruleHolidays(year: number): MarketHoliday[] {
  const goodFriday = isoDate(year, Number(easterSunday(year).slice(5, 7)), Number(easterSunday(year).slice(8, 10)) - 2);
  const holidays: MarketHoliday[] = [...newYearsDay(year)];
  if (year >= 1998) holidays.push({ date: nthWeekday(year, 1, MONDAY, 3), name: 'Martin Luther King Jr. Day' });
  holidays.push(
    { date: nthWeekday(year, 2, MONDAY, 3), name: "Washington's Birthday" },
    { date: goodFriday, name: 'Good Friday' },
    { date: lastWeekday(year, 5, MONDAY), name: 'Memorial Day' },
  );
  if (year >= 2022) holidays.push({ date: observed(year, 6, 19), name: 'Juneteenth National Independence Day' });
  holidays.push(
    { date: observed(year, 7, 4), name: 'Independence Day' },
    { date: nthWeekday(year, 9, MONDAY, 1), name: 'Labor Day' },
    { date: nthWeekday(year, 11, THURSDAY, 4), name: 'Thanksgiving Day' },
    { date: observed(year, 12, 25), name: 'Christmas Day' },
  );
  return holidays;
}

const holidaysByYear = new Map<number, readonly MarketHoliday[]>();
const holidayNamesByDate = new Map<string, string>();

/** Every full-day closure of `year` on a weekday, in date order. */
export function nyseHolidays(year: number): readonly MarketHoliday[] {
  checkYear(year);
  const cached = holidaysByYear.get(year);
  if (cached !== undefined) return cached;
  const prefix = `${year}-`;
  const holidays = [...ruleHolidays(year), ...specialClosures.filter((closure) => closure.date.startsWith(prefix))]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map((holiday) => Object.freeze(holiday));
  for (const holiday of holidays) holidayNamesByDate.set(holiday.date, holiday.name);
  const frozen = Object.freeze(holidays);
  holidaysByYear.set(year, frozen);
  return frozen;
}

/** The holiday's name when `date` is a full-day closure, else undefined (weekends are not holidays). */
export function holidayName(date: IsoDate): string | undefined {
  nyseHolidays(Number(date.slice(0, 4)));
  return holidayNamesByDate.get(date);
}

function isWeekdayTradingDay(date: IsoDate): boolean {
  const weekday = weekdayOf(date);
  return weekday !== SATURDAY && weekday !== SUNDAY && holidayName(date) === undefined;
}

/** The 13:00 early closes of `year`, in date order. */
export function nyseEarlyCloses(year: number): readonly IsoDate[] {
  checkYear(year);
  const thanksgiving = nthWeekday(year, 11, THURSDAY, 4);
  const dayAfterThanksgiving = isoDate(year, 11, Number(thanksgiving.slice(8, 10)) + 1);
  const candidates = [isoDate(year, 7, 3), dayAfterThanksgiving, isoDate(year, 12, 24)];
  return candidates.filter((date) => isWeekdayTradingDay(date));
}

/** Whether `date` closes at 13:00. */
export function isEarlyClose(date: IsoDate): boolean {
  const month = date.slice(5, 7);
  if (month !== '07' && month !== '11' && month !== '12') return false;
  return nyseEarlyCloses(Number(date.slice(0, 4))).includes(date);
}
