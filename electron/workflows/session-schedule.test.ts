import { describe, expect, it } from 'vitest';
import { silentLogger } from '../core/logger.ts';
import { TestClock } from '../core/test-clock.ts';
import { nextRunTime, SessionSchedule } from './session-schedule.ts';

const mondayOpen = Date.UTC(2026, 10, 23, 14, 30);
const mondayClose = Date.UTC(2026, 10, 23, 21, 0);
const tuesdayOpen = Date.UTC(2026, 10, 24, 14, 30);

describe('nextRunTime', () => {
  it('when the next run falls inside the session, then it is one cadence later', () => {
    expect(nextRunTime(mondayOpen + 60_000, 30_000)).toBe(mondayOpen + 90_000);
  });

  it('when the next run would fall after the close, then it is one cadence after the next open', () => {
    expect(nextRunTime(mondayClose - 10_000, 30_000)).toBe(tuesdayOpen + 30_000);
  });

  it('when it is before the open, then the first run is one cadence after the open', () => {
    expect(nextRunTime(mondayOpen - 3_600_000, 30_000)).toBe(mondayOpen + 30_000);
  });

  it('when the next day is Thanksgiving, then the run skips to the Friday session', () => {
    const wednesdayClose = Date.UTC(2026, 10, 25, 21, 0);
    expect(nextRunTime(wednesdayClose - 1, 30_000)).toBe(Date.UTC(2026, 10, 27, 14, 30) + 30_000);
  });
});

describe('SessionSchedule', () => {
  it('when started, then it runs on the cadence during the session only, and not after dispose', () => {
    const clock = new TestClock(mondayClose - 100_000);
    const runs: number[] = [];
    const schedule = new SessionSchedule({ clock, everyMs: 30_000, run: (time) => void runs.push(time), logger: silentLogger, name: 'test' });
    schedule.start();
    clock.advanceTo(tuesdayOpen + 60_000);
    expect(runs).toEqual([mondayClose - 70_000, mondayClose - 40_000, mondayClose - 10_000, tuesdayOpen + 30_000, tuesdayOpen + 60_000]);
    schedule.dispose();
    clock.advance(300_000);
    expect(runs).toHaveLength(5);
  });

  it('when a run is still busy at the next due time, then that run is skipped, not queued', async () => {
    const clock = new TestClock(mondayOpen);
    let finish: () => void = () => {};
    let runs = 0;
    const schedule = new SessionSchedule({
      clock,
      everyMs: 1_000,
      run: () => {
        runs += 1;
        return new Promise<void>((resolve) => (finish = resolve));
      },
      logger: silentLogger,
      name: 'test',
    });
    schedule.start();
    clock.advance(3_000);
    expect(runs).toBe(1);
    finish();
    await new Promise((resolve) => setImmediate(resolve));
    clock.advance(1_000);
    expect(runs).toBe(2);
    const stopped = schedule.stop();
    finish();
    await stopped;
    expect(schedule.active).toBe(false);
  });

  it('when the cadence is not a positive whole number, then construction fails naming it', () => {
    expect(() => new SessionSchedule({ clock: new TestClock(mondayOpen), everyMs: 0, run: () => {}, logger: silentLogger, name: 'monitoring' })).toThrow(/monitoring: everyMs/);
  });
});
