import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STRATEGY_TYPES, type StrategyType } from '../../shared/domain/index.ts';
import { buildStrategy, buildStrategyRequest, StrategyBuilders, type StrategyRequest } from './strategy-builders.ts';
import { openStrategyMarket, type StrategyMarket } from './testing/strategy-market.ts';
import { validationErrorOf } from './testing/thrown.ts';

let world: StrategyMarket;

beforeEach(async () => {
  world = await openStrategyMarket();
});

afterEach(async () => {
  await world.dispose();
});

const requests: readonly StrategyRequest[] = [
  { type: 'IRON_CONDOR', params: { symbol: 'SPY' } },
  { type: 'BULL_PUT', params: { symbol: 'SPY' } },
  { type: 'BEAR_CALL', params: { symbol: 'SPY' } },
  { type: 'BULL_CALL', params: { symbol: 'SPY' } },
  { type: 'BEAR_PUT', params: { symbol: 'SPY' } },
  { type: 'SHORT_PUT', params: { symbol: 'SPY' } },
  { type: 'CUSTOM', params: { symbol: 'SPY', legs: [{ expiry: '2026-12-18', strike: 700, right: 'call', action: 'BUY' }] } },
];

describe('buildStrategy', () => {
  it('when every strategy type is asked for, then a builder exists for each and returns that type', () => {
    expect(Object.keys(StrategyBuilders).sort()).toEqual([...STRATEGY_TYPES].sort());
    for (const request of requests) {
      const built = buildStrategyRequest(request, world.ports());
      expect(built.type).toBe(request.type);
      expect(built.underlyingSymbol).toBe('SPY');
    }
  });

  it('when a credit type is built, then its net price is negative; a debit type, positive', () => {
    const sign = (type: StrategyType) => Math.sign(buildStrategyRequest(requests.find((request) => request.type === type)!, world.ports()).netPrice);
    expect(['IRON_CONDOR', 'BULL_PUT', 'BEAR_CALL', 'SHORT_PUT'].map((type) => sign(type as StrategyType))).toEqual([-1, -1, -1, -1]);
    expect(['BULL_CALL', 'BEAR_PUT'].map((type) => sign(type as StrategyType))).toEqual([1, 1]);
  });

  it('when the type is unknown, then the build fails naming type', () => {
    expect(validationErrorOf(() => buildStrategy('STRANGLE' as StrategyType, { symbol: 'SPY' } as never, world.ports())).field).toBe('type');
  });

  it('when the same request is built twice on the same market state, then the results are equal', () => {
    expect(buildStrategy('IRON_CONDOR', { symbol: 'QQQ', wings: { delta: 0.08 } }, world.ports())).toEqual(buildStrategy('IRON_CONDOR', { symbol: 'QQQ', wings: { delta: 0.08 } }, world.ports()));
  });
});
