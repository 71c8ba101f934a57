// Listed expirations: every Friday within `weeklyHorizonDays` (weeklies) and every third Friday
// within `monthlyHorizonDays` (monthlies), counted in calendar days from the session date. An
// expiry whose Friday is a holiday moves to the trading day before (Good Friday → Thursday).
// The expiry of the session day itself is listed until it expires at that day's close.
import { addDays, daysBetween, type IsoDate } from '../../shared/domain/index.ts';
import { weekdayOf } from './nyse-holidays.ts';
import { isTradingDay, previousTradingDay } from './trading-calendar.ts';

export type ListedExpiry = {
  readonly expiry: IsoDate;
  /** The standard monthly (third-Friday) expiry, which carries more open interest. */
  readonly monthly: boolean;
};

const FRIDAY = 5;

/** The third Friday falls on the 15th to the 21st. */
export function isThirdFriday(date: IsoDate): boolean {
  const day = Number(date.slice(8, 10));
  return weekdayOf(date) === FRIDAY && day >= 15 && day <= 21;
}

export function listExpirations(today: IsoDate, weeklyHorizonDays: number, monthlyHorizonDays: number): ListedExpiry[] {
  const horizon = Math.max(weeklyHorizonDays, monthlyHorizonDays);
  const listed: ListedExpiry[] = [];
  let friday = addDays(today, (FRIDAY - weekdayOf(today) + 7) % 7);
  for (; daysBetween(today, friday) <= horizon + 7; friday = addDays(friday, 7)) {
    const expiry = isTradingDay(friday) ? friday : previousTradingDay(friday);
    const days = daysBetween(today, expiry);
    if (days < 0) continue;
    const monthly = isThirdFriday(friday);
    if (days <= weeklyHorizonDays || (monthly && days <= monthlyHorizonDays)) listed.push({ expiry, monthly });
  }
  return listed;
}
