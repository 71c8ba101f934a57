// The short memories of the gate: when order messages were sent (rate throttle) and which
// intents were admitted lately (duplicate window). Both are windows in clock time, so they need
// no reset at the session boundary: entries simply age out. Not persisted: a restart takes
// longer than either window.
import { ORDER_RATE_WINDOW_MS } from './checks/order-rate.check.ts';
import type { RecentIntent } from './checks/duplicate-order.check.ts';

export class RecentActivity {
  #messageTimes: number[] = [];
  #intents: RecentIntent[] = [];
  readonly #duplicateWindowMs: number;

  constructor(duplicateWindowMs: number) {
    this.#duplicateWindowMs = duplicateWindowMs;
  }

  /** Message times still inside the rate window at `now`. */
  messageTimes(now: number): readonly number[] {
    this.#messageTimes = this.#messageTimes.filter((time) => now - time < ORDER_RATE_WINDOW_MS);
    return this.#messageTimes;
  }

  recordMessage(now: number): void {
    this.messageTimes(now);
    this.#messageTimes.push(now);
  }

  /** Admitted intents still inside the duplicate window at `now`. */
  intents(now: number): readonly RecentIntent[] {
    this.#intents = this.#intents.filter((entry) => now - entry.time < this.#duplicateWindowMs);
    return this.#intents;
  }

  recordIntent(entry: RecentIntent): void {
    this.intents(entry.time);
    this.#intents.push(entry);
  }
}
