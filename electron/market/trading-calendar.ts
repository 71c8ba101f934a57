// The US equity/options trading calendar: regular hours 09:30–16:00 America/New_York (13:00 on
// early-close days), weekends and NYSE holidays closed. Instants are epoch milliseconds; dates
// are New York calendar dates. A session is open on [open, close).
import { addDays, newYorkDate, type IsoDate } from '../../shared/domain/index.ts';
import { holidayName, isEarlyClose, weekdayOf } from './nyse-holidays.ts';
import { newYorkWallTime } from '../../shared/domain/new-york-time.ts';

export const REGULAR_OPEN_MINUTES = 9 * 60 + 30;
export const REGULAR_CLOSE_MINUTES = 16 * 60;
export const EARLY_CLOSE_MINUTES = 13 * 60;

export type TradingSession = {
  readonly date: IsoDate;
  /** Epoch ms of 09:30 New York. */
  readonly open: number;
  /** Epoch ms of 16:00 (13:00 on an early close) New York. */
  readonly close: number;
  readonly earlyClose: boolean;
};

/** Sessions by date; null for a closed day. Bounded: a long simulation touches a few thousand dates. */
const sessionCache = new Map<string, TradingSession | null>();
const MAX_CACHED_DATES = 20_000;
/** Enough to cross any run of closed days (the longest is four: Sandy plus a weekend). */
const MAX_CLOSED_RUN = 14;

export function isTradingDay(date: IsoDate): boolean {
  return tradingSession(date) !== undefined;
}

/** The session of `date`, or undefined when the market is closed all day. */
export function tradingSession(date: IsoDate): TradingSession | undefined {
  const cached = sessionCache.get(date);
  if (cached !== undefined) return cached ?? undefined;
  const weekday = weekdayOf(date);
  let session: TradingSession | null = null;
  if (weekday !== 0 && weekday !== 6 && holidayName(date) === undefined) {
    const earlyClose = isEarlyClose(date);
    session = Object.freeze({
      date,
      open: newYorkWallTime(date, REGULAR_OPEN_MINUTES),
      close: newYorkWallTime(date, earlyClose ? EARLY_CLOSE_MINUTES : REGULAR_CLOSE_MINUTES),
      earlyClose,
    });
  }
  if (sessionCache.size >= MAX_CACHED_DATES) sessionCache.clear();
  sessionCache.set(date, session);
  return session ?? undefined;
}

function requireSession(date: IsoDate): TradingSession {
  const session = tradingSession(date);
  if (session === undefined) {
    const reason = holidayName(date) ?? 'a weekend';
    throw new RangeError(`${date} is not a trading day (${reason})`);
  }
  return session;
}

/** Epoch ms of the open of `date`; throws a RangeError for a closed day. */
export function sessionOpen(date: IsoDate): number {
  return requireSession(date).open;
}

/** Epoch ms of the close of `date`; throws a RangeError for a closed day. */
export function sessionClose(date: IsoDate): number {
  return requireSession(date).close;
}

/** The first trading day strictly after `date`. */
export function nextTradingDay(date: IsoDate): IsoDate {
  let day = addDays(date, 1);
  for (let step = 0; step < MAX_CLOSED_RUN && !isTradingDay(day); step++) day = addDays(day, 1);
  return day;
}

/** The last trading day strictly before `date`. */
export function previousTradingDay(date: IsoDate): IsoDate {
  let day = addDays(date, -1);
  for (let step = 0; step < MAX_CLOSED_RUN && !isTradingDay(day); step++) day = addDays(day, -1);
  return day;
}

/** Whether the regular session is open at the instant (open ≤ t < close). */
export function isOpen(epochMs: number): boolean {
  const session = tradingSession(newYorkDate(epochMs));
  return session !== undefined && epochMs >= session.open && epochMs < session.close;
}

/** The session open at the instant, or else the next one to open (its close is after the instant). */
export function currentOrNextSession(epochMs: number): TradingSession {
  const today = newYorkDate(epochMs);
  const session = tradingSession(today);
  if (session !== undefined && epochMs < session.close) return session;
  return requireSession(nextTradingDay(today));
}

/** The open of the first session that opens strictly after the instant. */
export function nextOpen(epochMs: number): number {
  const today = newYorkDate(epochMs);
  const session = tradingSession(today);
  if (session !== undefined && epochMs < session.open) return session.open;
  return sessionOpen(nextTradingDay(today));
}

/**
 * The session date an instant belongs to: the trading day whose session is open at the instant
 * or, outside hours, the last one that opened before it (Saturday → Friday, Monday 08:00 → the
 * previous Friday). Daily figures (volume, the close) are filed under this date.
 */
export function sessionDate(epochMs: number): IsoDate {
  const today = newYorkDate(epochMs);
  const session = tradingSession(today);
  if (session !== undefined && epochMs >= session.open) return today;
  return previousTradingDay(today);
}

/**
 * Trading days d with from < d ≤ to (so from a date to itself is 0, from Friday to Monday 1);
 * negative, counted the same way, when `to` is before `from`.
 */
export function tradingDaysBetween(from: IsoDate, to: IsoDate): number {
  if (to < from) return -tradingDaysBetween(to, from);
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
    if (isTradingDay(day)) count++;
  }
  return count;
}
