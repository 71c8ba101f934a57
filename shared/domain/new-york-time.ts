// New York wall-clock time ↔ epoch milliseconds, DST-correct, from the runtime's Intl time-zone
// data (full ICU in Node 24 and Electron). No library: two formatToParts calls per conversion,
// and callers cache per date.
import type { IsoDate } from './calendar.ts';

const newYorkParts = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** New York's offset from UTC at the instant, in milliseconds (−4 h in summer, −5 h in winter). */
export function newYorkOffsetMs(epochMs: number): number {
  const parts = newYorkParts.formatToParts(epochMs);
  const field = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((part) => part.type === type)?.value);
  const wallAsUtc = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
  const wholeSeconds = epochMs - (((epochMs % 1000) + 1000) % 1000);
  return wallAsUtc - wholeSeconds;
}

/**
 * The instant at which New York wall clocks read `date` `minutesAfterMidnight` (e.g. 570 for
 * 09:30). A wall time skipped by the spring-forward jump resolves to the instant one hour later
 * on the wall clock; a repeated autumn time resolves to its first (daylight) occurrence.
 */
export function newYorkWallTime(date: IsoDate, minutesAfterMidnight: number): number {
  if (!Number.isInteger(minutesAfterMidnight) || minutesAfterMidnight < 0 || minutesAfterMidnight >= 24 * 60) {
    throw new RangeError(`minutes after midnight must be an integer from 0 to 1439, got ${String(minutesAfterMidnight)}`);
  }
  const wallAsUtc = Date.parse(`${date}T00:00:00Z`) + minutesAfterMidnight * 60_000;
  if (Number.isNaN(wallAsUtc)) throw new RangeError(`not a date: ${String(date)}`);
  // The offsets a day before and a day after bracket any transition on that date.
  const offsetBefore = newYorkOffsetMs(wallAsUtc - 86_400_000);
  const offsetAfter = newYorkOffsetMs(wallAsUtc + 86_400_000);
  const candidates = [wallAsUtc - offsetBefore, wallAsUtc - offsetAfter].filter((instant) => newYorkOffsetMs(instant) === wallAsUtc - instant);
  // Both valid: the autumn overlap, take the first; none valid: the spring gap, keep the old offset.
  return candidates.length > 0 ? Math.min(...candidates) : wallAsUtc - offsetBefore;
}

/** 0 = Sunday … 6 = Saturday, for a calendar date. */
export function weekdayOf(date: IsoDate): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}
