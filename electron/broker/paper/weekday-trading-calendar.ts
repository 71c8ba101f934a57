// A plain trading calendar for the paper broker's tests and harness: regular sessions on
// weekdays (09:30–16:00 New York by default, DST-aware), minus an optional list of holidays.
// The real NYSE calendar (holidays, early closes) lives in electron/market and is adapted to the
// same PaperTradingCalendar port.
import { addDays, newYorkDate, parseIsoDate, type IsoDate } from '../../../shared/domain/calendar.ts';
import type { PaperTradingCalendar } from './paper-market-port.ts';
import { newYorkWallTime, weekdayOf } from '../../../shared/domain/new-york-time.ts';

export interface WeekdayCalendarOptions {
  /** Minutes after midnight New York; 570 (09:30) by default. */
  readonly openMinutes?: number;
  /** 960 (16:00) by default. */
  readonly closeMinutes?: number;
  /** Weekdays without a session. */
  readonly holidays?: readonly string[];
  /** When options expire on their expiry date; 960 (16:00) by default. */
  readonly expirationMinutes?: number;
}

interface Session {
  readonly open: number;
  readonly close: number;
  /** The earliest instant this session was looked up for: the cache answers for [from, close). */
  readonly from: number;
}

/** Sessions are searched at most this many days ahead (a calendar of holidays only is a mistake). */
const maximumDaysToNextSession = 30;

export class WeekdayTradingCalendar implements PaperTradingCalendar {
  readonly #openMinutes: number;
  readonly #closeMinutes: number;
  readonly #expirationMinutes: number;
  readonly #holidays: ReadonlySet<string>;
  #cached: Session | undefined;

  constructor(options: WeekdayCalendarOptions = {}) {
    this.#openMinutes = options.openMinutes ?? 570;
    this.#closeMinutes = options.closeMinutes ?? 960;
    this.#expirationMinutes = options.expirationMinutes ?? 960;
    if (!(this.#openMinutes < this.#closeMinutes)) {
      throw new RangeError(`the open (${this.#openMinutes} minutes) must come before the close (${this.#closeMinutes} minutes)`);
    }
    this.#holidays = new Set((options.holidays ?? []).map((date) => parseIsoDate(date, 'holidays')));
  }

  isTradingDay(date: IsoDate): boolean {
    const weekday = weekdayOf(date);
    return weekday !== 0 && weekday !== 6 && !this.#holidays.has(date);
  }

  isRegularHours(epochMs: number): boolean {
    const session = this.#sessionAt(epochMs);
    return session.open <= epochMs;
  }

  sessionClose(epochMs: number): number {
    return this.#sessionAt(epochMs).close;
  }

  nextSessionOpen(epochMs: number): number {
    const session = this.#sessionAt(epochMs);
    return epochMs < session.open ? session.open : this.#sessionAt(session.close).open;
  }

  expirationTime(expiry: IsoDate): number {
    return newYorkWallTime(parseIsoDate(expiry, 'expiry'), this.#expirationMinutes);
  }

  /** The session containing `epochMs`, or the next one. */
  #sessionAt(epochMs: number): Session {
    const cached = this.#cached;
    if (cached !== undefined && cached.from <= epochMs && epochMs < cached.close) return cached;
    let date = newYorkDate(epochMs);
    for (let day = 0; day <= maximumDaysToNextSession; day++, date = addDays(date, 1)) {
      if (!this.isTradingDay(date)) continue;
      const close = newYorkWallTime(date, this.#closeMinutes);
      if (epochMs >= close) continue;
      this.#cached = { open: newYorkWallTime(date, this.#openMinutes), close, from: epochMs };
      return this.#cached;
    }
    throw new RangeError(`no trading session within ${maximumDaysToNextSession} days after ${new Date(epochMs).toISOString()}`);
  }
}
