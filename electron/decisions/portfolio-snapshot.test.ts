import { describe, expect, it } from 'vitest';
import type { Greeks } from '../../shared/domain/greeks.ts';
import { fromDollars, type Money } from '../../shared/domain/money.ts';
import { createPortfolioSnapshot, isPortfolioSnapshot, portfolioIncludes, type PortfolioPositionInput } from './portfolio-snapshot.ts';
import type { StrategyId } from '../../shared/domain/ids.ts';

const greeks = (delta: number, vega: number): Greeks => ({ delta, gamma: 0, theta: 0, vega, rho: 0 });
const position = (strategyId: string, underlyingSymbol: string, delta: number, vega: number, atRisk: number): PortfolioPositionInput => ({ strategyId, underlyingSymbol, greeks: greeks(delta, vega), atRisk });
const netLiquidation = fromDollars(100_000);
const fieldError = (field: string, message: string) => expect.objectContaining({ field, message });

describe('createPortfolioSnapshot', () => {
  it('when positions are given, then Greeks are summed and concentration is per underlying against net liquidation', () => {
    const snapshot = createPortfolioSnapshot({ netLiquidation, positions: [position('a', 'SPY', 40, -100, 20_000), position('b', 'SPY', -10, -50, 5_000), position('c', 'QQQ', 30, 20, 1_000)] });
    expect(snapshot.greeks).toMatchObject({ delta: 60, vega: -130 });
    expect(snapshot.positionCount).toBe(3);
    expect(snapshot.underlyings.SPY).toEqual({ symbol: 'SPY', atRisk: 25_000, fractionOfNetLiquidation: 0.25, largestContributorId: 'a', positionCount: 2 });
    expect(snapshot.underlyings.QQQ?.fractionOfNetLiquidation).toBe(0.01);
    expect(Object.isFrozen(snapshot) && Object.isFrozen(snapshot.underlyings) && Object.isFrozen(snapshot.underlyings.SPY)).toBe(true);
    expect(isPortfolioSnapshot(snapshot) && portfolioIncludes(snapshot, 'b' as StrategyId) && !portfolioIncludes(snapshot, 'z' as StrategyId)).toBe(true);
  });

  it('when the portfolio delta is long, then the largest delta contributor is the longest position, not the largest |delta|', () => {
    const snapshot = createPortfolioSnapshot({ netLiquidation, positions: [position('short', 'SPY', -80, 0, 0), position('long1', 'SPY', 70, 0, 0), position('long2', 'QQQ', 50, 0, 0)] });
    expect(snapshot.greeks.delta).toBe(40);
    expect(snapshot.largestDeltaContributorId).toBe('long1');
  });

  it('when the portfolio vega is short, then the largest vega contributor is the most negative vega', () => {
    const snapshot = createPortfolioSnapshot({ netLiquidation, positions: [position('a', 'SPY', 0, -300, 0), position('b', 'SPY', 0, -500, 0), position('c', 'SPY', 0, 600, 0)] });
    expect(snapshot.largestVegaContributorId).toBe('b');
  });

  it('when contributions tie, then the smallest strategy id wins whatever the input order', () => {
    const positions = [position('m', 'SPY', 10, 5, 100), position('b', 'SPY', 10, 5, 100)];
    for (const order of [positions, [...positions].reverse()]) {
      const snapshot = createPortfolioSnapshot({ netLiquidation, positions: order });
      expect([snapshot.largestDeltaContributorId, snapshot.largestVegaContributorId, snapshot.underlyings.SPY?.largestContributorId]).toEqual(['b', 'b', 'b']);
    }
  });

  it('when the portfolio is flat or empty, then there is no largest delta or vega contributor', () => {
    expect(createPortfolioSnapshot({ netLiquidation, positions: [position('a', 'SPY', 10, 0, 0), position('b', 'SPY', -10, 0, 0)] })).toMatchObject({ largestDeltaContributorId: undefined, largestVegaContributorId: undefined });
    expect(createPortfolioSnapshot({ netLiquidation, positions: [] })).toMatchObject({ positionCount: 0, underlyings: {} });
  });

  it.each([
    ['netLiquidation', { netLiquidation: 0 as Money }, 'netLiquidation must be greater than 0 (concentration is a share of it), got 0'],
    ['netLiquidation', { netLiquidation: 1.5 as Money }, 'netLiquidation must be a safe integer, got 1.5'],
    ['positions', { positions: 'none' }, 'positions must be an array, got "none"'],
    ['positions[1].strategyId', { positions: [position('a', 'SPY', 0, 0, 0), position('a', 'QQQ', 0, 0, 0)] }, 'positions[1].strategyId must appear once in the portfolio, got "a"'],
    ['positions[0].atRisk', { positions: [position('a', 'SPY', 0, 0, -1)] }, 'positions[0].atRisk must be at least 0, got -1'],
    ['positions[0].greeks.delta', { positions: [position('a', 'SPY', Number.NaN, 0, 0)] }, 'positions[0].greeks.delta must be a finite number, got NaN'],
    ['positions[0].underlyingSymbol', { positions: [position('a', 'spy', 0, 0, 0)] }, expect.stringContaining('positions[0].underlyingSymbol must be a non-empty upper-case symbol')],
  ])('when %s is invalid, then creation fails naming it', (field, override, message) => {
    expect(() => createPortfolioSnapshot({ netLiquidation, positions: [], ...(override as object) })).toThrow(fieldError(field, message as string));
  });

  it('when an object only looks like a snapshot, then it is not one', () => {
    const real = createPortfolioSnapshot({ netLiquidation, positions: [] });
    expect(isPortfolioSnapshot({ ...real })).toBe(false);
  });
});
