import { describe, expect, it } from 'vitest';
import { hashString, hashUnit, hashWord, mix32, RandomStream, seedWord } from './random.ts';

function draw(stream: RandomStream, count: number, method: 'next' | 'normal'): number[] {
  return Array.from({ length: count }, () => stream[method]());
}

describe('RandomStream', () => {
  it('when two streams share a seed and label, then they produce the same numbers', () => {
    expect(draw(new RandomStream(7, 'SPY'), 100, 'normal')).toEqual(draw(new RandomStream(7, 'SPY'), 100, 'normal'));
  });

  it('when the label or the seed differs, then the numbers differ', () => {
    const base = draw(new RandomStream(7, 'SPY'), 10, 'next');
    expect(draw(new RandomStream(7, 'QQQ'), 10, 'next')).not.toEqual(base);
    expect(draw(new RandomStream(8, 'SPY'), 10, 'next')).not.toEqual(base);
    expect(draw(new RandomStream('7', 'SPY'), 10, 'next')).not.toEqual(base);
  });

  it('when seeded with 1 and labelled "pinned", then the first numbers are the recorded ones (a changed generator changes every path)', () => {
    const stream = new RandomStream(1, 'pinned');
    expect([stream.nextWord(), stream.nextWord(), stream.nextWord()]).toEqual([1635428459, 3847741114, 2243691781]);
    expect(stream.normal()).toBe(-0.4557632950563878);
    expect(seedWord(1)).toBe(2947049190);
    expect(hashWord(1, 2, 3, 4)).toBe(2277267883);
  });

  it('when many uniforms are drawn, then they lie in [0, 1) with mean ½ and variance 1/12', () => {
    const values = draw(new RandomStream(3, 'uniform'), 100_000, 'next');
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeCloseTo(1 / 12, 2);
  });

  it('when many normals are drawn, then mean, variance and tails match the standard normal', () => {
    const values = draw(new RandomStream(4, 'normal'), 100_000, 'normal');
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
    const beyondTwo = values.filter((value) => Math.abs(value) > 2).length / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(variance).toBeCloseTo(1, 1);
    expect(beyondTwo).toBeGreaterThan(0.04);
    expect(beyondTwo).toBeLessThan(0.051);
  });

  it('when Poisson counts are drawn, then their mean is the requested mean', () => {
    const stream = new RandomStream(5, 'poisson');
    const counts = Array.from({ length: 50_000 }, () => stream.poisson(0.3));
    expect(counts.reduce((sum, count) => sum + count, 0) / counts.length).toBeCloseTo(0.3, 1);
    expect(stream.poisson(0)).toBe(0);
  });

  it('when the Poisson mean is out of range, then it fails naming it', () => {
    expect(() => new RandomStream(1, 'x').poisson(-1)).toThrow(/poisson mean/);
    expect(() => new RandomStream(1, 'x').poisson(51)).toThrow(/51/);
  });
});

describe('seeds and hashes', () => {
  it('when a seed is not a safe integer, then it fails naming it', () => {
    expect(() => seedWord(1.5)).toThrow(/seed must be a safe integer/);
    expect(() => seedWord(Number.NaN)).toThrow(/NaN/);
  });

  it('when seeds differ only above 32 bits or in sign, then their words differ', () => {
    expect(seedWord(1)).not.toBe(seedWord(1 + 2 ** 32));
    expect(seedWord(1)).not.toBe(seedWord(-1));
  });

  it('when hashing, then results are deterministic 32-bit words and order matters', () => {
    expect(hashWord(1, 2, 3, 4)).toBe(hashWord(1, 2, 3, 4));
    expect(hashWord(1, 2, 3, 4)).not.toBe(hashWord(2, 1, 3, 4));
    expect(hashString('SPY')).not.toBe(hashString('SPX'));
    expect(mix32(0x12345678)).toBeGreaterThanOrEqual(0);
    expect(mix32(0x12345678)).toBeLessThan(2 ** 32);
  });

  it('when many hash units are taken, then they spread uniformly over [0, 1)', () => {
    const buckets = new Array<number>(10).fill(0);
    for (let index = 0; index < 100_000; index++) {
      const unit = hashUnit(9, index, 3);
      buckets[Math.floor(unit * 10)]! += 1;
    }
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });
});
