// The virtual timers behind TestClock and AcceleratedClock: a binary heap ordered by due time,
// then by scheduling order, so timers due at the same time fire in the order they were scheduled.
import type { Timer } from './clock.ts';

type Entry = {
  due: number;
  /** Scheduling order; an interval takes a new one each time it is rescheduled. */
  order: number;
  callback: () => void;
  interval: number | undefined;
  active: boolean;
};

function earlier(a: Entry, b: Entry): boolean {
  return a.due < b.due || (a.due === b.due && a.order < b.order);
}

export class TimerQueue {
  readonly #heap: Entry[] = [];
  #nextOrder = 0;
  #activeCount = 0;
  readonly #onScheduled: (due: number) => void;

  /** `onScheduled` hears of every newly scheduled due time (the accelerated clock re-arms on it). */
  constructor(onScheduled: (due: number) => void = () => {}) {
    this.#onScheduled = onScheduled;
  }

  /** How many timers are still pending. */
  get size(): number {
    return this.#activeCount;
  }

  schedule(due: number, callback: () => void, interval?: number): Timer {
    const entry: Entry = { due, order: this.#nextOrder++, callback, interval, active: true };
    this.#activeCount++;
    this.#push(entry);
    this.#onScheduled(due);
    return {
      get active() {
        return entry.active;
      },
      dispose: () => this.#cancel(entry),
    };
  }

  /** The due time of the earliest pending timer, or undefined when none is pending. */
  nextDue(): number | undefined {
    this.#dropCancelledTop();
    return this.#heap[0]?.due;
  }

  /**
   * Runs the earliest pending timer if it is due at or before `limit`: `enterTime(due)` is called
   * first so the clock reads the timer's due time while it runs. Returns false when nothing was due.
   * An interval is rescheduled after its callback returns (or throws) unless it was cleared.
   */
  runNext(limit: number, enterTime: (due: number) => void): boolean {
    const due = this.nextDue();
    if (due === undefined || due > limit) return false;
    const entry = this.#pop();
    enterTime(entry.due);
    if (entry.interval === undefined) {
      this.#cancel(entry);
      entry.callback();
      return true;
    }
    try {
      entry.callback();
    } finally {
      if (entry.active) {
        entry.due += entry.interval;
        entry.order = this.#nextOrder++;
        this.#push(entry);
      }
    }
    return true;
  }

  /** Clears every pending timer. */
  clear(): void {
    for (const entry of this.#heap) entry.active = false;
    this.#heap.length = 0;
    this.#activeCount = 0;
  }

  #cancel(entry: Entry): void {
    if (!entry.active) return;
    entry.active = false;
    this.#activeCount--;
    // The entry stays in the heap until it reaches the top (lazy deletion keeps cancel O(1)).
  }

  #dropCancelledTop(): void {
    while (this.#heap.length > 0 && !(this.#heap[0] as Entry).active) this.#pop();
  }

  #push(entry: Entry): void {
    const heap = this.#heap;
    heap.push(entry);
    let index = heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!earlier(entry, heap[parent] as Entry)) break;
      heap[index] = heap[parent] as Entry;
      index = parent;
    }
    heap[index] = entry;
  }

  #pop(): Entry {
    const heap = this.#heap;
    const top = heap[0] as Entry;
    const last = heap.pop() as Entry;
    if (heap.length === 0) return top;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && earlier(heap[right] as Entry, heap[left] as Entry) ? right : left;
      if (!earlier(heap[child] as Entry, last)) break;
      heap[index] = heap[child] as Entry;
      index = child;
    }
    heap[index] = last;
    return top;
  }
}
