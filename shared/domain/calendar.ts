// Calendar dates as 'YYYY-MM-DD' strings. An option expiry is the exchange-local (New York)
// expiry date, so "is it in the past?" compares New York calendar dates, never UTC instants.
// Nothing here reads the wall clock: callers pass `now` (epoch milliseconds).
import type { Brand } from './brand.ts';
import { invalid } from './errors.ts';

/** A real calendar date written 'YYYY-MM-DD'. Lexicographic order is chronological order. */
export type IsoDate = Brand<string, 'IsoDate'>;

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const millisecondsPerDay = 86_400_000;

export function parseIsoDate(value: unknown, field = 'date'): IsoDate {
  const match = typeof value === 'string' ? isoDatePattern.exec(value) : null;
  if (match === null) invalid(field, "must be a date written 'YYYY-MM-DD'", value);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  const real = year >= 1900 && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
  if (!real) invalid(field, 'must be a real calendar date', value);
  return value as IsoDate;
}

// The time-zone rules come from the runtime's Intl data (full ICU in Node 24, Electron and browsers).
const newYorkFormatter = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

// Intl formatting is slow and the engine asks for the date of the same minute many times (every
// check of a monitoring cycle): remember the last minute's answer. New York's day never changes
// inside a minute (time-zone offsets are whole minutes).
let cachedMinute = Number.NaN;
let cachedDate: IsoDate | undefined;

/** The New York calendar date at the instant `epochMillis` (the exchange's "today"). */
export function newYorkDate(epochMillis: number): IsoDate {
  if (!Number.isFinite(epochMillis)) invalid('now', 'must be epoch milliseconds', epochMillis);
  const minute = Math.floor(epochMillis / 60_000);
  if (minute === cachedMinute && cachedDate !== undefined) return cachedDate;
  cachedDate = formatNewYorkDate(epochMillis);
  cachedMinute = minute;
  return cachedDate;
}

function formatNewYorkDate(epochMillis: number): IsoDate {
  const parts = newYorkFormatter.formatToParts(epochMillis);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((entry) => entry.type === type)?.value ?? '';
  return parseIsoDate(`${part('year')}-${part('month')}-${part('day')}`, 'now');
}

/** Negative when a is earlier than b, 0 when equal, positive when later. */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function utcMidnight(date: IsoDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

/** Whole calendar days from `from` to `to` (positive when `to` is later), e.g. days to expiry. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / millisecondsPerDay);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isSafeInteger(days)) invalid('days', 'must be an integer', days);
  return new Date(utcMidnight(date) + days * millisecondsPerDay).toISOString().slice(0, 10) as IsoDate;
}
