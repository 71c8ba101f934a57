import { describe, expect, it } from 'vitest';
import { checkDelay, SystemClock } from './clock.ts';

describe('SystemClock', () => {
  it('when asked the time, then it returns integer epoch milliseconds', () => {
    const now = new SystemClock().now();
    expect(Number.isSafeInteger(now)).toBe(true);
    expect(now).toBeGreaterThan(Date.UTC(2020, 0, 1));
  });

  it('when a timeout is set, then it fires once and reports inactive afterwards', async () => {
    const clock = new SystemClock();
    let timer: ReturnType<SystemClock['setTimeout']> | undefined;
    await new Promise<void>((resolve) => {
      timer = clock.setTimeout(resolve, 1);
    });
    expect(timer?.active).toBe(false);
  });

  it('when a timeout and an interval are cleared, then neither fires', async () => {
    const clock = new SystemClock();
    let fired = 0;
    clock.setTimeout(() => fired++, 1).dispose();
    const interval = clock.setInterval(() => fired++, 1);
    interval.dispose();
    expect(interval.active).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fired).toBe(0);
  });

  it('when an interval clears itself in its callback, then it stops after that tick', async () => {
    const clock = new SystemClock();
    let ticks = 0;
    await new Promise<void>((resolve) => {
      const interval = clock.setInterval(() => {
        ticks++;
        if (ticks === 2) {
          interval.dispose();
          setTimeout(resolve, 10);
        }
      }, 1);
    });
    expect(ticks).toBe(2);
  });
});

describe('checkDelay', () => {
  it('when a delay is negative or not finite, or an interval is zero, then it throws naming the value', () => {
    expect(() => checkDelay('delay', -1)).toThrow(/-1/);
    expect(() => checkDelay('delay', Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => checkDelay('interval', 0)).toThrow(/interval must be a finite number > 0/);
    expect(() => checkDelay('delay', 0)).not.toThrow();
  });
});
