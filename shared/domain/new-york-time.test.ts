import { describe, expect, it } from 'vitest';
import type { IsoDate } from './calendar.ts';
import { newYorkOffsetMs, newYorkWallTime } from './new-york-time.ts';

const hour = 3_600_000;

describe('newYorkWallTime', () => {
  it('when the date is in winter, then 09:30 New York is 14:30 UTC', () => {
    expect(newYorkWallTime('2026-01-15' as IsoDate, 570)).toBe(Date.parse('2026-01-15T14:30:00Z'));
  });

  it('when the date is in summer, then 09:30 New York is 13:30 UTC', () => {
    expect(newYorkWallTime('2026-07-15' as IsoDate, 570)).toBe(Date.parse('2026-07-15T13:30:00Z'));
  });

  it('when the clocks spring forward that morning (2026-03-08), then 09:30 is already daylight time', () => {
    expect(newYorkWallTime('2026-03-08' as IsoDate, 570)).toBe(Date.parse('2026-03-08T13:30:00Z'));
    expect(newYorkWallTime('2026-03-08' as IsoDate, 60)).toBe(Date.parse('2026-03-08T06:00:00Z'));
  });

  it('when the wall time is skipped by the spring-forward jump, then it resolves one hour later on the wall clock', () => {
    expect(newYorkWallTime('2026-03-08' as IsoDate, 150)).toBe(Date.parse('2026-03-08T07:30:00Z'));
  });

  it('when the wall time repeats in the autumn (01:30 on 2026-11-01), then the first (daylight) instant is returned', () => {
    expect(newYorkWallTime('2026-11-01' as IsoDate, 90)).toBe(Date.parse('2026-11-01T05:30:00Z'));
    expect(newYorkWallTime('2026-11-01' as IsoDate, 570)).toBe(Date.parse('2026-11-01T14:30:00Z'));
  });

  it('when the minutes are out of range, then it fails naming them', () => {
    expect(() => newYorkWallTime('2026-01-15' as IsoDate, 1440)).toThrow(/minutes after midnight/);
    expect(() => newYorkWallTime('2026-01-15' as IsoDate, 9.5)).toThrow(/9.5/);
  });
});

describe('newYorkOffsetMs', () => {
  it('when the instant is in winter or summer, then the offset is −5 h or −4 h', () => {
    expect(newYorkOffsetMs(Date.parse('2026-01-15T12:00:00Z'))).toBe(-5 * hour);
    expect(newYorkOffsetMs(Date.parse('2026-07-15T12:00:00.250Z'))).toBe(-4 * hour);
  });
});
