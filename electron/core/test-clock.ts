// A clock moved by hand, for tests: time stands still until advance()/advanceTo()/runNext()/runAll().
import { checkDelay, type Clock, type Timer } from './clock.ts';
import { TimerQueue } from './timer-queue.ts';

export class TestClock implements Clock {
  #now: number;
  readonly #timers = new TimerQueue();

  constructor(startTime = 0) {
    if (!Number.isSafeInteger(startTime)) throw new RangeError(`TestClock start time must be an integer of milliseconds, got ${startTime}`);
    this.#now = startTime;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, delayMs: number): Timer {
    checkDelay('delay', delayMs);
    return this.#timers.schedule(this.#now + delayMs, callback);
  }

  setInterval(callback: () => void, intervalMs: number): Timer {
    checkDelay('interval', intervalMs);
    return this.#timers.schedule(this.#now + intervalMs, callback, intervalMs);
  }

  /** How many timers are pending. */
  get pendingTimers(): number {
    return this.#timers.size;
  }

  /** The due time of the next pending timer, or undefined. */
  nextDueTime(): number | undefined {
    return this.#timers.nextDue();
  }

  /** Moves time forward by `ms`, running every timer that falls due on the way (see advanceTo). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance() needs a finite number ≥ 0 of milliseconds, got ${ms}`);
    this.advanceTo(this.#now + ms);
  }

  /**
   * Moves time to `time`, running due timers in (due time, scheduling order), including timers
   * scheduled by those timers; now() equals each timer's due time while it runs, then `time`.
   * A callback that throws stops the advance with now() at that timer's due time.
   */
  advanceTo(time: number): void {
    if (!Number.isFinite(time) || time < this.#now) {
      throw new RangeError(`advanceTo() cannot move time backwards or to a non-finite time (now ${this.#now}, asked ${time})`);
    }
    while (this.#timers.runNext(time, this.#enterTime)) {
      // each iteration ran one timer
    }
    this.#now = time;
  }

  /** Runs the timers already due at the current time (like advance(0)). */
  runDue(): void {
    this.advanceTo(this.#now);
  }

  /** Jumps to the next pending timer and runs it (only that one). Returns false when none is pending. */
  runNext(): boolean {
    return this.#timers.runNext(Number.POSITIVE_INFINITY, this.#enterTime);
  }

  /** Runs timers until none is pending; throws after `maxTimers` (an interval never ends on its own). */
  runAll(maxTimers = 100_000): number {
    let count = 0;
    while (this.runNext()) {
      if (++count >= maxTimers && this.#timers.size > 0) {
        throw new Error(`runAll() stopped after ${maxTimers} timers with ${this.#timers.size} still pending (an interval left running?)`);
      }
    }
    return count;
  }

  /** Clears every pending timer. */
  clearAll(): void {
    this.#timers.clear();
  }

  readonly #enterTime = (due: number): void => {
    this.#now = due;
  };
}
