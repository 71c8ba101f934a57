import { describe, expect, it } from 'vitest';
import { restoreOptionContract, type OptionRight } from './contract.ts';
import { fromDollars } from './money.ts';
import type { OrderAction } from './order-types.ts';
import { createStrategy, isFinalStrategyStatus, nextStrategyStatus, STRATEGY_STATUSES, type StrategyInput, type StrategyLegInput } from './strategy.ts';
import { legRole } from './strategy-shape.ts';

const fieldError = (field: string, message: string) => expect.objectContaining({ field, message });

function leg(action: OrderAction, right: OptionRight, strike: number, overrides: Partial<StrategyLegInput> = {}): StrategyLegInput {
  return { contract: restoreOptionContract({ underlyingSymbol: 'SPY', expiry: '2026-04-17', strike, right }), action, ratio: 1, ...overrides };
}

const condorLegs = [leg('BUY', 'put', 430), leg('SELL', 'put', 440), leg('SELL', 'call', 470), leg('BUY', 'call', 480)];
const condor: StrategyInput = { id: 'stg-1', type: 'IRON_CONDOR', underlyingSymbol: 'SPY', legs: condorLegs, quantity: 2, createdAt: 100 };

describe('createStrategy', () => {
  it('when an iron condor is valid, then roles are derived and defaults applied', () => {
    const strategy = createStrategy(condor);
    expect(strategy.legs.map((entry) => entry.role)).toEqual(['long_put', 'short_put', 'short_call', 'long_call']);
    expect(strategy).toMatchObject({ status: 'PENDING', realizedPnl: 0, rollHistory: [], openedAt: undefined, entryNetAmount: undefined });
    expect(Object.isFrozen(strategy) && Object.isFrozen(strategy.legs)).toBe(true);
  });

  it('when legs are given in any order, then the shape check still recognises the strategy', () => {
    expect(createStrategy({ ...condor, legs: [...condorLegs].reverse() }).legs).toHaveLength(4);
  });

  it('when a stored open strategy is restored, then every field is kept', () => {
    const stored: StrategyInput = {
      ...condor, status: 'OPEN', openedAt: 200, entryNetPrice: -1.2, entryNetAmount: fromDollars(-240), realizedPnl: fromDollars(-5.2),
      rolledFromId: 'stg-0', rollHistory: [{ fromStrategyId: 'stg-0' as never, rolledAt: 150, realizedPnl: fromDollars(50), decisionId: 'd-1' as never }],
    };
    const strategy = createStrategy(stored);
    expect(strategy).toMatchObject({ status: 'OPEN', openedAt: 200, entryNetPrice: -1.2, entryNetAmount: -240_000_000, rolledFromId: 'stg-0' });
    expect(strategy.rollHistory).toEqual(stored.rollHistory);
  });

  it.each([
    ['SHORT_PUT', [leg('SELL', 'put', 440)]],
    ['BULL_PUT', [leg('SELL', 'put', 440), leg('BUY', 'put', 430)]],
    ['BEAR_PUT', [leg('BUY', 'put', 440), leg('SELL', 'put', 430)]],
    ['BULL_CALL', [leg('BUY', 'call', 440), leg('SELL', 'call', 450)]],
    ['BEAR_CALL', [leg('SELL', 'call', 440), leg('BUY', 'call', 450)]],
    ['IRON_CONDOR', [leg('BUY', 'put', 430), leg('SELL', 'put', 450), leg('SELL', 'call', 450), leg('BUY', 'call', 470)]],
    ['CUSTOM', [leg('SELL', 'put', 440, { ratio: 2 }), leg('BUY', 'call', 440)]],
  ] as const)('when a %s has the right shape, then it is accepted', (type, legs) => {
    expect(createStrategy({ ...condor, type, legs }).type).toBe(type);
  });

  it.each([
    ['BULL_PUT', [leg('BUY', 'put', 440), leg('SELL', 'put', 430)], 'legs', 'legs must be long_put, short_put in ascending strike order for type BULL_PUT, got "short_put, long_put"'],
    ['BEAR_CALL', [leg('SELL', 'call', 440)], 'legs', 'legs must be short_call, long_call in ascending strike order for type BEAR_CALL, got "short_call"'],
    ['BULL_CALL', [leg('BUY', 'call', 440), leg('SELL', 'put', 450)], 'legs', 'legs must be long_call, short_call in ascending strike order for type BULL_CALL, got "long_call, short_put"'],
    ['IRON_CONDOR', [leg('BUY', 'put', 440), leg('SELL', 'put', 440, { contract: restoreOptionContract({ underlyingSymbol: 'SPY', expiry: '2026-04-17', strike: 440, right: 'put', tradingClass: 'X' }) }), leg('SELL', 'call', 470), leg('BUY', 'call', 480)], 'legs', 'legs need the long_put strike below the short_put strike for type IRON_CONDOR, got 440'],
    ['BULL_PUT', [leg('SELL', 'put', 440), leg('BUY', 'put', 430, { contract: restoreOptionContract({ underlyingSymbol: 'SPY', expiry: '2026-05-15', strike: 430, right: 'put' }) })], 'legs[1].contract.expiry', 'legs[1].contract.expiry must be 2026-04-17 like legs[0] for type BULL_PUT, got "2026-05-15"'],
    ['BULL_PUT', [leg('SELL', 'put', 440), leg('BUY', 'put', 430, { ratio: 2 })], 'legs[1].ratio', 'legs[1].ratio must be 1 for type BULL_PUT (size it with quantity), got 2'],
  ] as const)('when a %s has the wrong shape, then construction fails naming the problem', (type, legs, field, message) => {
    expect(() => createStrategy({ ...condor, type, legs })).toThrow(fieldError(field, message));
  });

  it.each([
    ['legs', { legs: [] }, 'legs must have at least 1 leg, got 0'],
    ['legs[1].contract', { type: 'CUSTOM', legs: [leg('SELL', 'put', 440), leg('BUY', 'put', 440)] }, 'legs[1].contract repeats legs[0].contract (each contract may appear once), got "SPY 2026-04-17 440 P"'],
    ['legs[0].role', { type: 'SHORT_PUT', legs: [leg('SELL', 'put', 440, { role: 'long_put' })] }, 'legs[0].role must be short_put for a SELL put, got "long_put"'],
    ['legs[0].contract.underlyingSymbol', { underlyingSymbol: 'QQQ' }, `legs[0].contract.underlyingSymbol must be the strategy's QQQ, got "SPY"`],
    ['legs[0].entryPrice', { type: 'SHORT_PUT', legs: [leg('SELL', 'put', 440, { entryPrice: -1 })] }, 'legs[0].entryPrice must be a finite price of at least 0, got -1'],
    ['quantity', { quantity: 0 }, 'quantity must be a positive integer, got 0'],
    ['type', { type: 'STRANGLE' }, 'type must be one of IRON_CONDOR, BULL_PUT, BEAR_CALL, BULL_CALL, BEAR_PUT, SHORT_PUT, CUSTOM, got "STRANGLE"'],
    ['status', { status: 'DONE' }, 'status must be one of PENDING, OPEN, CLOSING, CLOSED, ROLLED, FAILED, got "DONE"'],
    ['openedAt', { status: 'OPEN' }, 'openedAt must be set exactly when the strategy has opened (status is OPEN), got undefined'],
    ['openedAt', { openedAt: 50 }, 'openedAt must be set exactly when the strategy has opened (status is PENDING), got 50'],
    ['openedAt', { status: 'OPEN', openedAt: 50 }, 'openedAt must not be before createdAt (100), got 50'],
    ['closedAt', { status: 'CLOSED', openedAt: 200 }, 'closedAt must be set exactly when CLOSED or ROLLED (status is CLOSED), got undefined'],
    ['closedAt', { status: 'CLOSED', openedAt: 200, closedAt: 150 }, 'closedAt must not be before openedAt (200), got 150'],
    ['rolledToId', { status: 'ROLLED', openedAt: 200, closedAt: 300 }, 'rolledToId must be set exactly when ROLLED (status is ROLLED), got undefined'],
    ['entryNetAmount', { entryNetAmount: 0.5 }, 'entryNetAmount must be a safe integer, got 0.5'],
    ['rollHistory[0].rolledAt', { rollHistory: [{ fromStrategyId: 'stg-0', rolledAt: -1, realizedPnl: 0, decisionId: undefined }] }, 'rollHistory[0].rolledAt must be epoch milliseconds (a non-negative integer), got -1'],
  ])('when %s is invalid (%j), then construction fails naming it', (field, override, message) => {
    expect(() => createStrategy({ ...condor, ...(override as Partial<StrategyInput>) })).toThrow(fieldError(field, message));
  });
});

describe('strategy status', () => {
  const legal: Record<string, readonly string[]> = {
    PENDING: ['OPEN', 'FAILED'], OPEN: ['CLOSING', 'CLOSED', 'ROLLED'], CLOSING: ['OPEN', 'CLOSED', 'ROLLED'], CLOSED: [], ROLLED: [], FAILED: [],
  };

  it.each(STRATEGY_STATUSES.flatMap((from) => STRATEGY_STATUSES.map((to) => ({ from, to }))))('when moving $from → $to, then the table decides', ({ from, to }) => {
    const result = nextStrategyStatus(from, to);
    if (from === to) expect(result).toEqual({ ok: true, status: from, changed: false });
    else if (legal[from]?.includes(to) === true) expect(result).toEqual({ ok: true, status: to, changed: true });
    else expect(result).toEqual({ ok: false, error: `illegal strategy transition: ${from} → ${to}` });
  });

  it('when asking which statuses are final, then CLOSED, ROLLED and FAILED are', () => {
    expect(STRATEGY_STATUSES.filter(isFinalStrategyStatus)).toEqual(['CLOSED', 'ROLLED', 'FAILED']);
  });

  it('when deriving leg roles, then side and right give the role', () => {
    expect([legRole('BUY', 'call'), legRole('SELL', 'call'), legRole('BUY', 'put'), legRole('SELL', 'put')]).toEqual(['long_call', 'short_call', 'long_put', 'short_put']);
  });
});
