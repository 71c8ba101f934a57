import { describe, expect, it } from 'vitest';
import { SeededRandom } from './seeded-random.ts';

describe('SeededRandom', () => {
  it('when two generators share a seed, then they draw the same sequence', () => {
    const first = new SeededRandom(42);
    const second = new SeededRandom(42);
    const draws = (random: SeededRandom) => Array.from({ length: 20 }, () => random.next());
    expect(draws(first)).toEqual(draws(second));
  });

  it('when the seeds differ, then the sequences differ', () => {
    expect(new SeededRandom(1).next()).not.toBe(new SeededRandom(2).next());
  });

  it('when a generator is rebuilt from a state, then it continues the same sequence', () => {
    const original = new SeededRandom(7);
    original.next();
    const copy = new SeededRandom(original.state);
    expect(copy.next()).toBe(original.next());
  });

  it('when integers are drawn, then they stay inside the bounds and reach both ends', () => {
    const random = new SeededRandom(3);
    const seen = new Set<number>();
    for (let draw = 0; draw < 2_000; draw++) seen.add(random.integer(10, 50));
    expect(Math.min(...seen)).toBe(10);
    expect(Math.max(...seen)).toBe(50);
    expect(seen.size).toBe(41);
  });

  it('when the chance is 0.95, then about 95 % of many draws are true', () => {
    const random = new SeededRandom(11);
    let hits = 0;
    for (let draw = 0; draw < 10_000; draw++) if (random.chance(0.95)) hits++;
    expect(hits).toBeGreaterThan(9_300);
    expect(hits).toBeLessThan(9_700);
  });

  it('when the bounds are reversed or the seed is not an integer, then it throws naming them', () => {
    expect(() => new SeededRandom(1).integer(5, 4)).toThrow(/minimum ≤ maximum/);
    expect(() => new SeededRandom(1.5)).toThrow(/seed/);
  });
});
