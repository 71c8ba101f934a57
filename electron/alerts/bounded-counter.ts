// Counts per key in memory, forgetting the oldest keys beyond a bound, so a long run that
// raises many distinct alerts cannot grow the manager without limit.
export class BoundedCounter<Key> {
  readonly #counts = new Map<Key, number>();
  readonly #maximumKeys: number;

  constructor(maximumKeys = 10_000) {
    this.#maximumKeys = maximumKeys;
  }

  count(key: Key): number {
    return this.#counts.get(key) ?? 0;
  }

  /** Adds one and returns the new count. */
  increment(key: Key): number {
    const next = this.count(key) + 1;
    this.#counts.delete(key); // re-inserted last: the least recently counted key is forgotten first
    this.#counts.set(key, next);
    if (this.#counts.size > this.#maximumKeys) {
      const oldest = this.#counts.keys().next();
      if (oldest.done !== true) this.#counts.delete(oldest.value);
    }
    return next;
  }
}
