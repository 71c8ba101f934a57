import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.ts';
import { createBackoff } from './backoff.ts';

describe('createBackoff', () => {
  it('when used with the defaults, then delays double from 1 s and stop at 30 s', () => {
    const backoff = createBackoff();
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((retry) => backoff.delayMs(retry))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('when the retry number is huge, then the delay is still the cap (no overflow)', () => {
    expect(createBackoff({ maxDelayMs: 5_000 }).delayMs(5_000)).toBe(5_000);
  });

  it('when a cap, start and multiplier are configured, then they shape the delays', () => {
    const backoff = createBackoff({ initialDelayMs: 250, multiplier: 3, maxDelayMs: 5_000 });
    expect([1, 2, 3, 4, 5].map((retry) => backoff.delayMs(retry))).toEqual([250, 750, 2_250, 5_000, 5_000]);
  });

  it('when jitter is on, then each delay stays within the ratio and the cap, and the same seed gives the same delays', () => {
    const first = createBackoff({ jitterRatio: 0.2, jitterSeed: 7 });
    const second = createBackoff({ jitterRatio: 0.2, jitterSeed: 7 });
    const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((retry) => first.delayMs(retry));
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((retry) => second.delayMs(retry))).toEqual(delays);
    delays.forEach((delay, index) => {
      const base = Math.min(30_000, 1_000 * 2 ** index);
      expect(delay).toBeGreaterThanOrEqual(Math.round(base * 0.8));
      expect(delay).toBeLessThanOrEqual(Math.min(30_000, Math.round(base * 1.2)));
    });
    expect(new Set(delays.slice(0, 4).map((delay, index) => delay / 2 ** index)).size).toBeGreaterThan(1);
  });

  it('when a random source is given, then the jitter follows it', () => {
    const low = createBackoff({ jitterRatio: 0.5, random: () => 0 });
    const high = createBackoff({ jitterRatio: 0.5, random: () => 0.999_999 });
    expect(low.delayMs(2)).toBe(1_000);
    expect(high.delayMs(2)).toBe(3_000);
  });

  it('when an option is out of range, then construction fails naming it', () => {
    expect(() => createBackoff({ initialDelayMs: 0 })).toThrow(/initialDelayMs/);
    expect(() => createBackoff({ multiplier: 0.5 })).toThrow(/multiplier/);
    expect(() => createBackoff({ initialDelayMs: 2_000, maxDelayMs: 1_000 })).toThrow(/maxDelayMs/);
    expect(() => createBackoff({ jitterRatio: 1.5 })).toThrow(/jitterRatio/);
    expect(() => createBackoff({ maxDelayMs: Number.NaN })).toThrow(AppError);
  });

  it('when asked for retry 0, then it fails naming the retry number', () => {
    expect(() => createBackoff().delayMs(0)).toThrow(/retry number/);
  });
});
