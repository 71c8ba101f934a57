// A small deterministic pseudo-random generator (mulberry32: one 32-bit state word), the one
// used wherever the engine, its tests and benchmarks need reproducible draws. Its state is one
// number, so a component can persist it: the paper broker stores it with the account, so the
// same seed and inputs give the same fills, ids and timings, across restarts too. (The
// simulated market uses its own xoshiro streams, one per named process.)

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

/** A function returning the next number in [0, 1) of a SeededRandom: for callers that need only draws. */
export function seededUniform(seed: number): () => number {
  const random = new SeededRandom(seed >>> 0);
  return () => random.next();
}
