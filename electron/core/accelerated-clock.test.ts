import { describe, expect, it } from 'vitest';
import { AcceleratedClock } from './accelerated-clock.ts';
import { TestClock } from './test-clock.ts';

const start = Date.UTC(2025, 0, 6, 14, 30);
const day = 24 * 60 * 60 * 1_000;

describe('AcceleratedClock at speed X', () => {
  it('when real time passes, then simulated time passes X times faster', () => {
    const real = new TestClock(5_000);
    const clock = new AcceleratedClock({ startTime: start, speed: 60, realTime: real });
    expect(clock.now()).toBe(start);
    real.advance(1_000);
    expect(clock.now()).toBe(start + 60_000);
    clock.dispose();
  });

  it('when a timer is scheduled, then it fires after delay / X real milliseconds with now() at its due time', () => {
    const real = new TestClock(0);
    const clock = new AcceleratedClock({ startTime: start, speed: 60, realTime: real });
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(clock.now()), 60_000);
    real.advance(999);
    expect(fired).toEqual([]);
    real.advance(1);
    expect(fired).toEqual([start + 60_000]);
    clock.dispose();
  });

  it('when timers are scheduled out of order and from callbacks, then they fire in simulated order at scaled times', () => {
    const real = new TestClock(0);
    const clock = new AcceleratedClock({ startTime: start, speed: 10, realTime: real });
    const fired: Array<[string, number, number]> = [];
    const record = (name: string) => () => fired.push([name, clock.now() - start, real.now()]);
    clock.setTimeout(record('b'), 2_000);
    clock.setTimeout(() => {
      record('a')();
      clock.setTimeout(record('a+500'), 500);
    }, 1_000);
    real.advance(1_000);
    expect(fired).toEqual([
      ['a', 1_000, 100],
      ['a+500', 1_500, 150],
      ['b', 2_000, 200],
    ]);
    clock.dispose();
  });

  it('when an interval runs at speed X, then it ticks at scaled real times until cleared', () => {
    const real = new TestClock(0);
    const clock = new AcceleratedClock({ startTime: start, speed: 100, realTime: real });
    const ticks: number[] = [];
    const timer = clock.setInterval(() => {
      ticks.push(real.now());
      if (ticks.length === 3) timer.dispose();
    }, 1_000);
    real.advance(1_000);
    expect(ticks).toEqual([10, 20, 30]);
    expect(clock.pendingTimers).toBe(0);
    clock.dispose();
  });

  it('when the speed changes, then simulated time continues from where it was', () => {
    const real = new TestClock(0);
    const clock = new AcceleratedClock({ startTime: start, speed: 2, realTime: real });
    real.advance(100);
    expect(clock.now()).toBe(start + 200);
    clock.setSpeed(10);
    real.advance(100);
    expect(clock.now()).toBe(start + 1_200);
    expect(() => clock.setSpeed(0)).toThrow(/speed/);
    clock.dispose();
  });
});

describe("AcceleratedClock in 'max' mode", () => {
  it('when a simulated trading day of timers is scheduled, then every one fires in order and simulated time ends at the last timer', async () => {
    const clock = new AcceleratedClock({ startTime: start, speed: 'max' });
    let ticks = 0;
    let previous = start;
    let ordered = true;
    const endedAt = await new Promise<number>((resolve) => {
      const interval = clock.setInterval(() => {
        ticks++;
        if (clock.now() !== previous + 1_000) ordered = false;
        previous = clock.now();
      }, 1_000);
      clock.setTimeout(() => {
        interval.dispose();
        resolve(clock.now());
      }, day + 1);
    });
    expect(ticks).toBe(day / 1_000);
    expect(ordered).toBe(true);
    expect(endedAt).toBe(start + day + 1);
    expect(clock.pendingTimers).toBe(0);
    clock.dispose();
  });

  it('when it runs a long simulation, then it yields so other event-loop work runs in between', async () => {
    const clock = new AcceleratedClock({ startTime: start, speed: 'max', maxTimersPerSlice: 1_000 });
    let fired = 0;
    const total = 20_000;
    const done = new Promise<void>((resolve) => {
      for (let index = 1; index <= total; index++) {
        clock.setTimeout(() => {
          fired++;
          if (fired === total) resolve();
        }, index);
      }
    });
    const firedWhenOtherWorkRan = await new Promise<number>((resolve) => setImmediate(() => resolve(fired)));
    await done;
    expect(firedWhenOtherWorkRan).toBeGreaterThan(0);
    expect(firedWhenOtherWorkRan).toBeLessThan(total);
    clock.dispose();
  });

  it('when timers share a due time, then they fire in scheduling order', async () => {
    const clock = new AcceleratedClock({ startTime: start, speed: 'max' });
    const seen: number[] = [];
    await new Promise<void>((resolve) => {
      for (let index = 0; index < 50; index++) clock.setTimeout(() => seen.push(index), 60_000);
      clock.setTimeout(resolve, 60_000);
    });
    expect(seen).toEqual([...Array(50).keys()]);
    clock.dispose();
  });

  it('when no timer is pending, then simulated time stands still', async () => {
    const clock = new AcceleratedClock({ startTime: start, speed: 'max' });
    await new Promise<void>((resolve) => clock.setTimeout(resolve, 5_000));
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(clock.now()).toBe(start + 5_000);
    clock.dispose();
  });

  it('when switched from speed X to max, then pending timers run without waiting for real time', async () => {
    const real = new TestClock(0);
    const clock = new AcceleratedClock({ startTime: start, speed: 1, realTime: real });
    const fired = new Promise<number>((resolve) => clock.setTimeout(() => resolve(clock.now()), 3_600_000));
    clock.setSpeed('max');
    expect(await fired).toBe(start + 3_600_000);
    clock.dispose();
  });

  it('when disposed, then pending timers never fire and scheduling throws', async () => {
    const clock = new AcceleratedClock({ startTime: start, speed: 'max' });
    let ran = false;
    clock.setTimeout(() => (ran = true), 10);
    clock.dispose();
    await new Promise<void>((resolve) => setImmediate(resolve));
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(ran).toBe(false);
    expect(() => clock.setTimeout(() => {}, 1)).toThrow(/disposed/);
  });
});

describe("AcceleratedClock in 'max' mode with asynchronous work", () => {
  it('when a timer starts a chain of awaits, then the chain finishes before simulated time moves on', async () => {
    const clock = new AcceleratedClock({ startTime: start, speed: 'max' });
    let finishedAt: number | undefined;
    clock.setTimeout(() => {
      void (async () => {
        for (let hop = 0; hop < 20; hop++) await Promise.resolve();
        finishedAt = clock.now();
      })();
    }, 1_000);
    for (let second = 2; second <= 3_600; second++) clock.setTimeout(() => {}, second * 1_000);
    await new Promise<void>((resolve) => clock.setTimeout(resolve, 3_601_000));
    expect(finishedAt).toBe(start + 1_000);
    clock.dispose();
  });
});

describe('AcceleratedClock pause and resume', () => {
  const settle = async () => {
    for (let round = 0; round < 5; round++) await new Promise<void>((resolve) => setImmediate(resolve));
  };

  it("when paused from inside a timer in 'max' mode, then no later timer fires, not even one due at the same instant", async () => {
    const clock = new AcceleratedClock({ startTime: start, speed: 'max' });
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('before'), 1_000);
    clock.setTimeout(() => {
      fired.push('stop');
      clock.pause();
    }, 2_000);
    clock.setTimeout(() => fired.push('same instant'), 2_000);
    clock.setTimeout(() => fired.push('after'), 3_000);
    await settle();
    expect(fired).toEqual(['before', 'stop']);
    expect(clock.paused).toBe(true);
    expect(clock.now()).toBe(start + 2_000);
    clock.dispose();
  });

  it('when resumed, then the pending timers fire from the paused instant on', async () => {
    const clock = new AcceleratedClock({ startTime: start, speed: 'max' });
    const fired: number[] = [];
    clock.pause();
    clock.setTimeout(() => fired.push(clock.now()), 500);
    await settle();
    expect(fired).toEqual([]);
    clock.resume();
    await settle();
    expect(fired).toEqual([start + 500]);
    clock.dispose();
  });

  it('when paused at speed X, then real time passing does not move simulated time', () => {
    const real = new TestClock(0);
    const clock = new AcceleratedClock({ startTime: start, speed: 60, realTime: real });
    real.advance(1_000);
    clock.pause();
    real.advance(10_000);
    expect(clock.now()).toBe(start + 60_000);
    clock.resume();
    real.advance(1_000);
    expect(clock.now()).toBe(start + 120_000);
    clock.dispose();
  });
});
