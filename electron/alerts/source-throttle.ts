// At most N alerts per source in any rolling window. Kept in memory: after a restart each source
// starts with its full budget (the worst case is N more alerts, never a lost critical one).
export class SourceThrottle {
  readonly #maximum: number;
  readonly #windowMs: number;
  readonly #admitted = new Map<string, number[]>();
  readonly #throttled = new Map<string, number>();

  constructor(maximum: number, windowMs: number) {
    this.#maximum = maximum;
    this.#windowMs = windowMs;
  }

  /**
   * Admits an alert of `source` at `now` when the source has budget left, or always when
   * `force` (critical alerts: they take a place in the window but are never refused).
   * Returns false (and counts it) when throttled.
   */
  admit(source: string, now: number, force: boolean): boolean {
    if (this.#windowMs === 0) return true;
    const recent = (this.#admitted.get(source) ?? []).filter((time) => time > now - this.#windowMs);
    if (recent.length >= this.#maximum && !force) {
      this.#admitted.set(source, recent);
      this.#throttled.set(source, this.throttledCount(source) + 1);
      return false;
    }
    recent.push(now);
    this.#admitted.set(source, recent);
    return true;
  }

  /** How many alerts of `source` were throttled since the manager started. */
  throttledCount(source: string): number {
    return this.#throttled.get(source) ?? 0;
  }

  clear(): void {
    this.#admitted.clear();
    this.#throttled.clear();
  }
}
