// A small deterministic pseudo-random generator (mulberry32: one 32-bit state word). The paper
// broker draws latencies and touch fills from it and persists the state with the account, so
// the same seed and the same inputs give the same fills, ids and timings, across restarts too.

export class SeededRandom {
  #state: number;

  /** `seed` is any safe integer; it is reduced to 32 bits. */
  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`random seed must be a safe integer, got ${String(seed)}`);
    this.#state = seed >>> 0;
  }

  /** The generator's state: a new SeededRandom(state) continues exactly where this one is. */
  get state(): number {
    return this.#state;
  }

  /** A number in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let mixed = this.#state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** A whole number from `minimum` to `maximum`, both included. */
  integer(minimum: number, maximum: number): number {
    if (!Number.isSafeInteger(minimum) || !Number.isSafeInteger(maximum) || maximum < minimum) {
      throw new RangeError(`integer() needs whole numbers minimum ≤ maximum, got ${minimum} and ${maximum}`);
    }
    return minimum + Math.floor(this.next() * (maximum - minimum + 1));
  }

  /** True with probability `probability` (0 never draws true, 1 always does). */
  chance(probability: number): boolean {
    return this.next() < probability;
  }
}
