// Drives a TestClock for async code under test: microtasks and I/O callbacks run between timers,
// so promise chains waiting on clock timers make progress exactly as they would in real time.
import type { TestClock } from '../../../core/test-clock.ts';

/** Lets pending promise callbacks (and one turn of I/O) run. */
export function flush(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * Advances the clock by `ms` one due timer at a time, flushing after each, so promise chains
 * started by a timer settle before the next timer fires (as they would in real time).
 */
export async function elapse(clock: TestClock, ms: number): Promise<void> {
  const target = clock.now() + ms;
  await flush();
  for (let due = clock.nextDueTime(); due !== undefined && due <= target; due = clock.nextDueTime()) {
    clock.runNext();
    await flush();
  }
  clock.advanceTo(target);
  await flush();
}

/**
 * Runs the clock's timers one at a time until `promise` settles, and returns its outcome (or
 * throws its error). Fails when no timer is left to run, or after `maxTimers`, while it is still pending.
 */
export async function runUntilSettled<T>(clock: TestClock, promise: Promise<T>, maxTimers = 1_000): Promise<T> {
  let settled = false;
  const watched = promise.finally(() => {
    settled = true;
  });
  watched.catch(() => {});
  await flush();
  for (let count = 0; !settled; count++) {
    if (count >= maxTimers) throw new Error(`the promise was still pending after ${maxTimers} timers`);
    if (!clock.runNext()) throw new Error('the promise is still pending and no timer is left to run');
    await flush();
  }
  return watched;
}
