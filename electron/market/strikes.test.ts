import { describe, expect, it } from 'vitest';
import { DEFAULT_UNDERLYINGS } from './default-market-config.ts';
import { listStrikes, mergeStrikes, strikeIncrementAt, type StrikeScheme } from './strikes.ts';

const schemeOf = (symbol: string): StrikeScheme => {
  const underlying = DEFAULT_UNDERLYINGS.find((item) => item.symbol === symbol);
  if (underlying === undefined) throw new Error(symbol);
  return { tiers: underlying.strikeTiers, farIncrement: underlying.farStrikeIncrement };
};

describe('listStrikes', () => {
  it('when listing SPY strikes, then they are $1 apart within 10 % of spot and $5 apart beyond', () => {
    const strikes = listStrikes(680, 500, 850, schemeOf('SPY'));
    expect(strikes).toContain(680);
    expect(strikes).toContain(681);
    expect(strikes).toContain(615);
    expect(strikes).not.toContain(601);
    expect(strikes).toContain(600);
    expect(strikes[0]).toBe(500);
    expect(strikes.at(-1)).toBe(850);
  });

  it('when listing TSLA strikes, then they step 2.5 near the money, 5 to ±30 % and 10 beyond', () => {
    const strikes = listStrikes(420, 200, 800, schemeOf('TSLA'));
    expect(strikes).toContain(422.5);
    expect(strikes).toContain(465);
    expect(strikes).not.toContain(467.5);
    expect(strikes).toContain(545);
    expect(strikes).not.toContain(555);
    expect(strikes).toContain(560);
    expect(strikes).not.toContain(285);
    expect(strikes).toContain(280);
  });

  it('when the range is tiny, then at least five near increments are listed on each side of spot', () => {
    const strikes = listStrikes(680.4, 680, 681, schemeOf('SPY'));
    expect(strikes[0]).toBeLessThanOrEqual(676);
    expect(strikes.at(-1)).toBeGreaterThanOrEqual(685);
  });

  it('when strikes are listed, then they are ascending, unique, whole cents', () => {
    const strikes = listStrikes(270, 150, 450, schemeOf('AAPL'));
    for (let index = 1; index < strikes.length; index++) expect(strikes[index]).toBeGreaterThan(strikes[index - 1] as number);
    for (const strike of strikes) expect(Math.round(strike * 100) / 100).toBe(strike);
  });

  it('when the range is inverted, then it fails naming the range', () => {
    expect(() => listStrikes(100, 120, 80, schemeOf('SPY'))).toThrow(/lower ≤ upper/);
  });
});

describe('strikeIncrementAt and mergeStrikes', () => {
  it('when a strike is beyond every tier, then the far increment applies', () => {
    expect(strikeIncrementAt(300, 420, schemeOf('TSLA'))).toBe(5);
    expect(strikeIncrementAt(200, 420, schemeOf('TSLA'))).toBe(10);
  });

  it('when merging strike lists, then the union stays sorted without duplicates', () => {
    expect(mergeStrikes([1, 3, 5], [2, 3, 6])).toEqual([1, 2, 3, 5, 6]);
    expect(mergeStrikes([], [4])).toEqual([4]);
  });
});
