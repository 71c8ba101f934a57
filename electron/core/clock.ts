// Time as a dependency: engines read the time and schedule work only through a Clock, so tests
// drive time by hand (TestClock) and simulations run faster than real time (AcceleratedClock).
import type { Disposable } from './lifecycle.ts';

/** A scheduled callback; dispose() clears it (safe to call more than once, also from inside the callback). */
export interface Timer extends Disposable {
  /** False once the timer has been cleared or a one-shot timer has fired. */
  readonly active: boolean;
}

export interface Clock {
  /** Milliseconds since the Unix epoch (an integer). */
  now(): number;
  /** Runs `callback` once after `delayMs` (≥ 0). */
  setTimeout(callback: () => void, delayMs: number): Timer;
  /** Runs `callback` every `intervalMs` (> 0) until the timer is cleared. */
  setInterval(callback: () => void, intervalMs: number): Timer;
}

/** Throws a RangeError naming `what` unless `delayMs` is a finite number ≥ 0 (> 0 for intervals). */
export function checkDelay(what: 'delay' | 'interval', delayMs: number): void {
  const valid = Number.isFinite(delayMs) && (what === 'delay' ? delayMs >= 0 : delayMs > 0);
  if (!valid) {
    const rule = what === 'delay' ? 'a finite number ≥ 0' : 'a finite number > 0';
    throw new RangeError(`timer ${what} must be ${rule} of milliseconds, got ${String(delayMs)}`);
  }
}

/** Real wall-clock time and Node timers. */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  setTimeout(callback: () => void, delayMs: number): Timer {
    checkDelay('delay', delayMs);
    let active = true;
    const handle = globalThis.setTimeout(() => {
      active = false;
      callback();
    }, delayMs);
    return {
      get active() {
        return active;
      },
      dispose() {
        active = false;
        globalThis.clearTimeout(handle);
      },
    };
  }

  setInterval(callback: () => void, intervalMs: number): Timer {
    checkDelay('interval', intervalMs);
    let active = true;
    const handle = globalThis.setInterval(callback, intervalMs);
    return {
      get active() {
        return active;
      },
      dispose() {
        active = false;
        globalThis.clearInterval(handle);
      },
    };
  }
}
