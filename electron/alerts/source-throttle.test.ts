import { describe, expect, it } from 'vitest';
import { SourceThrottle } from './source-throttle.ts';

describe('SourceThrottle', () => {
  it('when the budget is used, then more are refused until the oldest leaves the rolling window; forced ones always pass', () => {
    const throttle = new SourceThrottle(2, 1_000);
    expect([throttle.admit('a', 0, false), throttle.admit('a', 500, false), throttle.admit('a', 999, false)]).toEqual([true, true, false]);
    expect(throttle.admit('a', 999, true)).toBe(true);
    expect(throttle.admit('a', 1_000, false)).toBe(false); // 500, 999 and the forced 999 are still inside
    expect(throttle.admit('a', 2_000, false)).toBe(true);
    expect(throttle.throttledCount('a')).toBe(2);
  });

  it('when the window is 0, then nothing is throttled', () => {
    const throttle = new SourceThrottle(1, 0);
    expect([throttle.admit('a', 0, false), throttle.admit('a', 0, false)]).toEqual([true, true]);
  });
});
