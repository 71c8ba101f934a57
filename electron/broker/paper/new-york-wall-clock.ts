// New York wall-clock time ↔ epoch milliseconds, DST-correct through the runtime's Intl
// time-zone data (full ICU in Node 24 and Electron). Market hours never fall in the 02:00–03:00
// DST gap or overlap, so a two-step offset lookup is exact for them.
import { parseIsoDate, type IsoDate } from '../../../shared/domain/calendar.ts';

const wallClockParts = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** How far New York wall clocks are from UTC at the instant, in ms (−4 h in summer, −5 h in winter). */
export function newYorkOffsetMs(epochMs: number): number {
  const parts = wallClockParts.formatToParts(epochMs);
  const value = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((part) => part.type === type)?.value);
  const wallAsUtc = Date.UTC(value('year'), value('month') - 1, value('day'), value('hour'), value('minute'), value('second'));
  return wallAsUtc - Math.floor(epochMs / 1000) * 1000;
}

/** The instant New York clocks read `minutesAfterMidnight` on `date` (e.g. 570 = 09:30). */
export function newYorkInstant(date: IsoDate, minutesAfterMidnight: number): number {
  if (!Number.isInteger(minutesAfterMidnight) || minutesAfterMidnight < 0 || minutesAfterMidnight >= 1440) {
    throw new RangeError(`minutes after midnight must be an integer from 0 to 1439, got ${String(minutesAfterMidnight)}`);
  }
  const wallAsUtc = Date.parse(`${parseIsoDate(date)}T00:00:00Z`) + minutesAfterMidnight * 60_000;
  const firstGuess = wallAsUtc - newYorkOffsetMs(wallAsUtc);
  return wallAsUtc - newYorkOffsetMs(firstGuess);
}

/** 0 = Sunday … 6 = Saturday, for a calendar date. */
export function weekdayOf(date: IsoDate): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}
