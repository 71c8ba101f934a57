import { describe, expect, it } from 'vitest';
import { TestClock } from './test-clock.ts';

describe('TestClock', () => {
  it('when time is advanced, then due timers run in due-time order with now() at each due time', () => {
    const clock = new TestClock(1_000);
    const seen: string[] = [];
    clock.setTimeout(() => seen.push(`c@${clock.now()}`), 30);
    clock.setTimeout(() => seen.push(`a@${clock.now()}`), 10);
    clock.setTimeout(() => seen.push(`b@${clock.now()}`), 20);
    clock.advance(25);
    expect(seen).toEqual(['a@1010', 'b@1020']);
    expect(clock.now()).toBe(1_025);
    clock.advance(5);
    expect(seen).toEqual(['a@1010', 'b@1020', 'c@1030']);
  });

  it('when timers share a due time, then they fire in scheduling order', () => {
    const clock = new TestClock();
    const seen: number[] = [];
    for (let index = 0; index < 20; index++) clock.setTimeout(() => seen.push(index), 5);
    clock.advance(5);
    expect(seen).toEqual([...Array(20).keys()]);
  });

  it('when a timer schedules another that falls due within the same advance, then it runs in order in that advance', () => {
    const clock = new TestClock();
    const seen: string[] = [];
    clock.setTimeout(() => {
      seen.push(`outer@${clock.now()}`);
      clock.setTimeout(() => seen.push(`inner@${clock.now()}`), 5);
      clock.setTimeout(() => seen.push(`same-time@${clock.now()}`), 0);
    }, 10);
    clock.setTimeout(() => seen.push(`other@${clock.now()}`), 12);
    clock.advance(100);
    expect(seen).toEqual(['outer@10', 'same-time@10', 'other@12', 'inner@15']);
  });

  it('when an interval cancels itself inside its callback, then it never fires again', () => {
    const clock = new TestClock();
    let count = 0;
    const timer = clock.setInterval(() => {
      count++;
      if (count === 3) timer.dispose();
    }, 10);
    clock.advance(1_000);
    expect(count).toBe(3);
    expect(timer.active).toBe(false);
    expect(clock.pendingTimers).toBe(0);
  });

  it('when an interval runs, then it fires at every multiple of its period', () => {
    const clock = new TestClock();
    const times: number[] = [];
    const timer = clock.setInterval(() => times.push(clock.now()), 250);
    clock.advance(1_000);
    timer.dispose();
    expect(times).toEqual([250, 500, 750, 1_000]);
  });

  it('when a timer is cleared before it is due, then it does not run', () => {
    const clock = new TestClock();
    let ran = false;
    const timer = clock.setTimeout(() => (ran = true), 10);
    timer.dispose();
    timer.dispose();
    clock.advance(20);
    expect(ran).toBe(false);
    expect(clock.pendingTimers).toBe(0);
  });

  it('when a one-shot timer has fired, then it reports inactive', () => {
    const clock = new TestClock();
    const timer = clock.setTimeout(() => {}, 1);
    expect(timer.active).toBe(true);
    clock.advance(1);
    expect(timer.active).toBe(false);
  });

  it('when runNext and runAll are used, then they jump from timer to timer', () => {
    const clock = new TestClock(0);
    const seen: number[] = [];
    clock.setTimeout(() => seen.push(clock.now()), 300);
    clock.setTimeout(() => seen.push(clock.now()), 100);
    expect(clock.nextDueTime()).toBe(100);
    expect(clock.runNext()).toBe(true);
    expect(seen).toEqual([100]);
    expect(clock.runAll()).toBe(1);
    expect(seen).toEqual([100, 300]);
    expect(clock.runNext()).toBe(false);
  });

  it('when runAll meets an endless interval, then it stops with a clear error', () => {
    const clock = new TestClock();
    clock.setInterval(() => {}, 1);
    expect(() => clock.runAll(50)).toThrow(/still pending/);
  });

  it('when time would move backwards or a delay is invalid, then a RangeError names the problem', () => {
    const clock = new TestClock(100);
    expect(() => clock.advanceTo(50)).toThrow(/backwards/);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.setTimeout(() => {}, Number.NaN)).toThrow(/delay/);
    expect(() => clock.setInterval(() => {}, 0)).toThrow(/interval/);
  });

  it('when a timer throws, then the error surfaces from advance and later timers still run on the next advance', () => {
    const clock = new TestClock();
    const seen: number[] = [];
    clock.setTimeout(() => {
      throw new Error('boom');
    }, 10);
    clock.setTimeout(() => seen.push(clock.now()), 20);
    expect(() => clock.advance(30)).toThrow('boom');
    expect(clock.now()).toBe(10);
    clock.advance(20);
    expect(seen).toEqual([20]);
  });
});
