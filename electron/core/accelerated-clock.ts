// Simulated time for the simulated market and backtests. Two modes:
// - speed X: simulated time runs X times faster than real time; a timer due in D simulated ms
//   fires after D / X real ms;
// - 'max': a discrete-event loop that jumps from timer to timer as fast as possible. It yields to
//   the Node event loop before simulated time advances (and at least every slice of timers or
//   real milliseconds), so promise continuations finish at the instant that caused them, and
//   I/O, IPC and Ctrl+C are still serviced. With no timer pending, simulated time stands still.
// Both modes are deterministic about order: timers fire by due time, then by scheduling order,
// and now() equals a timer's due time while it runs.
import { checkDelay, SystemClock, type Clock, type Timer } from './clock.ts';
import { toDisposable, type Disposable } from './lifecycle.ts';
import { TimerQueue } from './timer-queue.ts';

export type ClockSpeed = number | 'max';

/** Where real time comes from: performance.now() and Node timers by default; a TestClock in tests. */
export type RealTimeSource = Pick<Clock, 'now' | 'setTimeout'>;

export type AcceleratedClockOptions = {
  /** Simulated epoch milliseconds at construction. */
  startTime: number;
  speed: ClockSpeed;
  realTime?: RealTimeSource;
  /** How the 'max' loop yields to the event loop; setImmediate by default. */
  scheduleImmediate?: (callback: () => void) => Disposable;
  /** 'max' mode yields after this many timers… (default 1,000) */
  maxTimersPerSlice?: number;
  /** …or after this many real milliseconds, whichever comes first (default 10). */
  maxSliceMs?: number;
};

/** Longest delay a Node timer accepts. */
const maxRealDelayMs = 2 ** 31 - 1;

const systemRealTime: RealTimeSource = {
  now: () => performance.now(),
  setTimeout: (callback, delayMs) => new SystemClock().setTimeout(callback, delayMs),
};

function defaultScheduleImmediate(callback: () => void): Disposable {
  const handle = setImmediate(callback);
  return toDisposable(() => clearImmediate(handle));
}

export class AcceleratedClock implements Clock, Disposable {
  readonly #timers: TimerQueue;
  readonly #realTime: RealTimeSource;
  readonly #scheduleImmediate: (callback: () => void) => Disposable;
  readonly #maxTimersPerSlice: number;
  readonly #maxSliceMs: number;
  #speed: ClockSpeed;
  /** Simulated time at the last re-anchoring, and the real time it corresponds to. */
  #simulatedAnchor: number;
  #realAnchor: number;
  /** Simulated time never goes below this (the last due time entered). */
  #floor: number;
  #firingTime: number | undefined;
  #wakeUp: Disposable | undefined;
  #wakeUpDue = Number.POSITIVE_INFINITY;
  #pumping = false;
  #paused = false;
  #disposed = false;

  constructor(options: AcceleratedClockOptions) {
    if (!Number.isSafeInteger(options.startTime)) throw new RangeError(`AcceleratedClock startTime must be integer epoch milliseconds, got ${options.startTime}`);
    checkSpeed(options.speed);
    this.#realTime = options.realTime ?? systemRealTime;
    this.#scheduleImmediate = options.scheduleImmediate ?? defaultScheduleImmediate;
    this.#maxTimersPerSlice = options.maxTimersPerSlice ?? 1_000;
    this.#maxSliceMs = options.maxSliceMs ?? 10;
    this.#speed = options.speed;
    this.#simulatedAnchor = options.startTime;
    this.#floor = options.startTime;
    this.#realAnchor = this.#realTime.now();
    this.#timers = new TimerQueue((due) => this.#onScheduled(due));
  }

  get speed(): ClockSpeed {
    return this.#speed;
  }

  get pendingTimers(): number {
    return this.#timers.size;
  }

  now(): number {
    if (this.#firingTime !== undefined) return this.#firingTime;
    if (this.#speed === 'max' || this.#paused) return this.#floor;
    const scaled = this.#simulatedAnchor + Math.floor((this.#realTime.now() - this.#realAnchor) * this.#speed);
    return Math.max(this.#floor, scaled);
  }

  setTimeout(callback: () => void, delayMs: number): Timer {
    checkDelay('delay', delayMs);
    this.#checkNotDisposed();
    return this.#timers.schedule(this.now() + Math.ceil(delayMs), callback);
  }

  setInterval(callback: () => void, intervalMs: number): Timer {
    checkDelay('interval', intervalMs);
    this.#checkNotDisposed();
    const interval = Math.ceil(intervalMs);
    return this.#timers.schedule(this.now() + interval, callback, interval);
  }

  /** Changes the speed from now on; simulated time continues from where it is. */
  setSpeed(speed: ClockSpeed): void {
    checkSpeed(speed);
    const current = this.now();
    this.#cancelWakeUp();
    this.#floor = current;
    this.#simulatedAnchor = current;
    this.#realAnchor = this.#realTime.now();
    this.#speed = speed;
    if (!this.#pumping) this.#armWakeUp();
  }

  get paused(): boolean {
    return this.#paused;
  }

  /**
   * Freezes simulated time at once: no further timer fires (not even one due at this instant
   * later in the current slice) until resume(). Timers may still be scheduled. A run that must
   * stop at an exact simulated instant pauses from inside the timer that marks it.
   */
  pause(): void {
    if (this.#paused) return;
    const current = this.now();
    this.#cancelWakeUp();
    this.#floor = current;
    this.#simulatedAnchor = current;
    this.#paused = true;
  }

  /** Continues from the paused instant at the current speed. */
  resume(): void {
    if (!this.#paused) return;
    this.#paused = false;
    this.#simulatedAnchor = this.#floor;
    this.#realAnchor = this.#realTime.now();
    if (!this.#pumping) this.#armWakeUp();
  }

  /** Clears every timer and stops the loop; the clock cannot schedule afterwards. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#cancelWakeUp();
    this.#timers.clear();
  }

  #onScheduled(due: number): void {
    // While pumping, the loop re-arms when it finishes; otherwise wake up earlier if needed.
    if (!this.#pumping && due < this.#wakeUpDue) this.#armWakeUp();
  }

  #armWakeUp(): void {
    this.#cancelWakeUp();
    const due = this.#timers.nextDue();
    if (due === undefined || this.#disposed || this.#paused) return;
    this.#wakeUpDue = due;
    if (this.#speed === 'max') {
      this.#wakeUp = this.#scheduleImmediate(() => this.#pump());
      return;
    }
    const realDelay = Math.min(maxRealDelayMs, Math.max(0, Math.ceil((due - this.now()) / this.#speed)));
    this.#wakeUp = this.#realTime.setTimeout(() => this.#pump(), realDelay);
  }

  #cancelWakeUp(): void {
    this.#wakeUp?.dispose();
    this.#wakeUp = undefined;
    this.#wakeUpDue = Number.POSITIVE_INFINITY;
  }

  /** Runs what is due (speed mode) or one slice of the event loop ('max'), then re-arms. */
  #pump(): void {
    this.#wakeUp = undefined;
    this.#wakeUpDue = Number.POSITIVE_INFINITY;
    this.#pumping = true;
    try {
      if (this.#speed === 'max') this.#runSlice();
      else this.#runDue(this.now());
    } finally {
      this.#firingTime = undefined;
      this.#pumping = false;
      this.#armWakeUp();
    }
  }

  #runDue(limit: number): void {
    while (!this.#disposed && !this.#paused && this.#speed !== 'max' && this.#timers.runNext(limit, this.#enterTime)) {
      // one timer per iteration
    }
  }

  /**
   * Runs the timers due at the next instant, then yields before simulated time moves on, so the
   * promise chains those timers started (a broker answer, an await in a workflow) complete at
   * that instant, as they would in real time, instead of after hours of simulated time.
   */
  #runSlice(): void {
    const sliceEnd = this.#realTime.now() + this.#maxSliceMs;
    for (let count = 0; count < this.#maxTimersPerSlice; count++) {
      if (this.#disposed || this.#paused || this.#speed !== 'max') return;
      if (!this.#timers.runNext(Number.POSITIVE_INFINITY, this.#enterTime)) return;
      const next = this.#timers.nextDue();
      if (next === undefined || next > this.#floor) return;
      if (this.#realTime.now() >= sliceEnd) return;
    }
  }

  readonly #enterTime = (due: number): void => {
    this.#firingTime = due;
    if (due > this.#floor) this.#floor = due;
  };

  #checkNotDisposed(): void {
    if (this.#disposed) throw new Error('AcceleratedClock is disposed: it cannot schedule timers any more');
  }
}

function checkSpeed(speed: ClockSpeed): void {
  if (speed === 'max') return;
  if (typeof speed !== 'number' || !Number.isFinite(speed) || speed <= 0) {
    throw new RangeError(`clock speed must be a finite number > 0 or 'max', got ${String(speed)}`);
  }
}
