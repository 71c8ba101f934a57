// Seeded pseudo-random numbers for the simulated market. Nothing here reads Math.random or the
// wall clock, so a seed gives the same numbers on every machine and every run.
//
// - RandomStream: xoshiro128** (Blackman & Vigna, 2018), 32-bit state words seeded through a
//   splitmix32-style sequence. One stream per purpose ("market", "SPY", "SPY/history", …): the
//   stream of a label depends only on (seed, label), so adding an underlying never changes the
//   numbers another underlying draws.
// - hashUnit / hashWord: stateless hashes of small integer tuples, for values that must not
//   depend on the order in which they are asked for (quote sizes, simulated trades, open
//   interest): computing a quote lazily, or not at all, then never shifts a random stream.

/** A seed: a safe integer or a string (hashed). */
export type Seed = number | string;

const TWO_TO_MINUS_32 = 2 ** -32;

/** The murmur3 32-bit finaliser: a fast, well-mixed bijection of 32-bit words. */
export function mix32(value: number): number {
  let mixed = value | 0;
  mixed = Math.imul(mixed ^ (mixed >>> 16), 0x85ebca6b);
  mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35);
  return (mixed ^ (mixed >>> 16)) >>> 0;
}

/** FNV-1a over the UTF-16 code units of `text`, finalised with mix32. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  }
  return mix32(hash);
}

/** One 32-bit word for a seed; throws a RangeError for a number that is not a safe integer. */
export function seedWord(seed: Seed): number {
  if (typeof seed === 'string') return hashString(`seed:${seed}`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer or a string, got ${String(seed)}`);
  const low = seed % 0x1_0000_0000;
  const high = Math.floor(seed / 0x1_0000_0000);
  return mix32(mix32(low >>> 0) ^ mix32((high + 0x9e3779b9) >>> 0));
}

/** A hash of up to four 32-bit words (each mixed in turn, so the order matters). */
export function hashWord(a: number, b: number, c = 0, d = 0): number {
  let hash = mix32(a ^ 0x27d4eb2f);
  hash = mix32(hash ^ b);
  hash = mix32(hash ^ Math.imul(c, 0x9e3779b1));
  return mix32(hash ^ Math.imul(d, 0x85ebca77));
}

/** hashWord scaled to [0, 1). */
export function hashUnit(a: number, b: number, c = 0, d = 0): number {
  return hashWord(a, b, c, d) * TWO_TO_MINUS_32;
}

function rotateLeft(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

export class RandomStream {
  #s0: number;
  #s1: number;
  #s2: number;
  #s3: number;
  #spareNormal = 0;
  #hasSpare = false;

  /** The stream named `label` of `seed`. */
  constructor(seed: Seed, label: string) {
    let state = mix32(seedWord(seed) ^ hashString(label));
    const nextSeedWord = (): number => {
      state = (state + 0x9e3779b9) | 0;
      return mix32(state);
    };
    this.#s0 = nextSeedWord();
    this.#s1 = nextSeedWord();
    this.#s2 = nextSeedWord();
    this.#s3 = nextSeedWord();
    // xoshiro must not start from the all-zero state.
    if ((this.#s0 | this.#s1 | this.#s2 | this.#s3) === 0) this.#s0 = 1;
  }

  /** The next unsigned 32-bit word. */
  nextWord(): number {
    const result = Math.imul(rotateLeft(Math.imul(this.#s1, 5), 7), 9) >>> 0;
    const shifted = this.#s1 << 9;
    this.#s2 ^= this.#s0;
    this.#s3 ^= this.#s1;
    this.#s1 ^= this.#s2;
    this.#s0 ^= this.#s3;
    this.#s2 ^= shifted;
    this.#s3 = rotateLeft(this.#s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 32 bits of resolution. */
  next(): number {
    return this.nextWord() * TWO_TO_MINUS_32;
  }

  /** Standard normal variate (Marsaglia's polar method; the second variate of each pair is kept). */
  normal(): number {
    if (this.#hasSpare) {
      this.#hasSpare = false;
      return this.#spareNormal;
    }
    let u: number;
    let v: number;
    let radius: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      radius = u * u + v * v;
    } while (radius >= 1 || radius === 0);
    const scale = Math.sqrt((-2 * Math.log(radius)) / radius);
    this.#spareNormal = v * scale;
    this.#hasSpare = true;
    return u * scale;
  }

  /** Poisson variate by inversion; meant for the small means of jump counts (throws above 50). */
  poisson(mean: number): number {
    if (!(mean >= 0 && mean <= 50)) throw new RangeError(`poisson mean must be between 0 and 50, got ${mean}`);
    const threshold = Math.exp(-mean);
    let count = 0;
    let product = this.next();
    while (product > threshold) {
      count++;
      product *= this.next();
    }
    return count;
  }
}
