import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DecisionId, StrategyId } from '../../shared/domain/ids.ts';
import { createStrategy, type Strategy } from '../../shared/domain/strategy.ts';
import { StrategyRepository } from './strategy.repository.ts';
import { createDatabaseHarness, writeCorruptRow, type DatabaseHarness } from './testing/database-harness.ts';
import { dollars, fixtureTime, newStrategy, shortPut, strategyInput } from './testing/trading-fixtures.ts';

let harness: DatabaseHarness;
let strategies: StrategyRepository;

beforeEach(() => {
  harness = createDatabaseHarness('strategy-repository-test-');
  strategies = new StrategyRepository(harness.database, harness.clock);
});

afterEach(() => harness.dispose());

function opened(strategy: Strategy, changes: Partial<Strategy> = {}): Strategy {
  return createStrategy({
    ...strategy,
    status: 'OPEN',
    openedAt: fixtureTime + 10,
    entryNetPrice: -0.85,
    entryNetAmount: dollars(-170),
    legs: strategy.legs.map((leg, index) => ({ ...leg, entryPrice: index === 0 ? 0.3 : 1.15 })),
    ...changes,
  });
}

describe('StrategyRepository', () => {
  it('when a pending strategy with no optional fields is stored, then it reads back equal', () => {
    const strategy = newStrategy({ legs: strategyInput().legs.map((leg) => ({ ...leg, entryPrice: undefined })) });
    strategies.insert(strategy);
    expect(strategies.get(strategy.id)).toEqual(strategy);
    expect(strategies.get(strategy.id)?.legs[0]?.entryPrice).toBeUndefined();
    expect(strategies.get('stg-x' as StrategyId)).toBeUndefined();
  });

  it('when a strategy with every field set (credit entry, roll history, exit amount) is stored, then it reads back equal', () => {
    strategies.insert(newStrategy({ id: 'stg-0' }));
    const strategy = createStrategy({
      ...strategyInput({ id: 'stg-2', type: 'CUSTOM', quantity: 3 }),
      status: 'CLOSING', statusReason: 'stop loss hit', openedAt: fixtureTime + 1, entryNetPrice: -0.85, entryNetAmount: dollars(-255),
      exitNetAmount: dollars(12.345678), realizedPnl: dollars(-3.9), rolledFromId: 'stg-0',
      rollHistory: [
        { fromStrategyId: 'stg-0' as StrategyId, rolledAt: fixtureTime, realizedPnl: dollars(50.5), decisionId: 'dec-9' as DecisionId },
        { fromStrategyId: 'stg-0' as StrategyId, rolledAt: fixtureTime, realizedPnl: dollars(-1), decisionId: undefined },
      ],
    });
    strategies.insert(strategy);
    expect(strategies.get(strategy.id)).toEqual(strategy);
  });

  it('when a strategy moves PENDING → OPEN → CLOSING → CLOSED, then each legal step is stored with its leg entry prices', () => {
    const strategy = strategies.insert(newStrategy());
    const open = opened(strategy);
    expect(strategies.update(open)).toEqual({ before: strategy, after: open });
    const closing = createStrategy({ ...open, status: 'CLOSING' });
    strategies.update(closing);
    const closed = createStrategy({ ...closing, status: 'CLOSED', closedAt: fixtureTime + 20, exitNetAmount: dollars(20), realizedPnl: dollars(148.7) });
    strategies.update(closed);
    expect(strategies.get(strategy.id)).toEqual(closed);
  });

  it('when an update is an illegal transition or changes a fixed part, then it is refused and the stored strategy stays', () => {
    const strategy = strategies.insert(newStrategy());
    const open = opened(strategy);
    strategies.update(open);
    expect(() => strategies.update(strategy)).toThrow(expect.objectContaining({ code: 'conflict', message: "strategy 'stg-1': illegal strategy transition: OPEN → PENDING" }));
    expect(() => strategies.update(createStrategy({ ...open, legs: [{ contract: shortPut, action: 'SELL', ratio: 1 }], type: 'SHORT_PUT' }))).toThrow(/cannot change once stored/);
    expect(() => strategies.update(newStrategy({ id: 'stg-9' }))).toThrow(expect.objectContaining({ code: 'not-found' }));
    expect(strategies.get(strategy.id)).toEqual(open);
  });

  it('when a strategy is rolled, then the successor carries the history and the rolled one points to it', () => {
    const first = strategies.insert(newStrategy());
    strategies.update(opened(first));
    const successor = createStrategy({
      ...strategyInput({ id: 'stg-2', createdAt: fixtureTime + 30 }),
      rolledFromId: first.id,
      rollHistory: [{ fromStrategyId: first.id, rolledAt: fixtureTime + 30, realizedPnl: dollars(80), decisionId: 'dec-1' as DecisionId }],
    });
    const rolled = createStrategy({ ...opened(first), status: 'ROLLED', closedAt: fixtureTime + 30, rolledToId: 'stg-2', realizedPnl: dollars(80) });
    expect(() => strategies.update(rolled)).toThrow(/refers to strategy 'stg-2', which is not stored/);
    harness.database.transaction(() => {
      strategies.insert(successor);
      strategies.update(rolled);
    });
    expect(strategies.get(first.id)).toEqual(rolled);
    expect(strategies.get(successor.id)).toEqual(successor);
    expect(strategies.listActive()).toEqual([successor]);
  });

  it('when the id is stored already or the strategy is invalid, then it is refused and nothing is stored', () => {
    strategies.insert(newStrategy());
    expect(() => strategies.insert(newStrategy({ quantity: 5 }))).toThrow(expect.objectContaining({ code: 'conflict', message: "strategy id 'stg-1' is already stored" }));
    expect(() => strategies.insert({ ...newStrategy({ id: 'stg-2' }), type: 'IRON_CONDOR' })).toThrow(expect.objectContaining({ code: 'validation', message: expect.stringContaining('legs must be long_put, short_put, short_call, long_call') }));
    expect(() => strategies.insert(newStrategy({ id: 'stg-3', rolledFromId: 'stg-ghost' }))).toThrow(/refers to strategy 'stg-ghost'/);
    expect(strategies.listAll().map((strategy) => strategy.id)).toEqual(['stg-1']);
    expect(harness.database.connection.prepare('SELECT count(*) FROM strategy_legs').pluck().get()).toBe(2);
  });

  it('when listed by underlying or after reopening, then the strategies are all there', () => {
    const first = strategies.insert(newStrategy());
    const second = strategies.insert(newStrategy({ id: 'stg-2', createdAt: fixtureTime + 1 }));
    strategies = new StrategyRepository(harness.reopen(), harness.clock);
    expect(strategies.listByUnderlying('SPY')).toEqual([first, second]);
    expect(strategies.listByUnderlying('QQQ')).toEqual([]);
    expect(strategies.listAll()).toEqual([first, second]);
  });

  it('when a stored leg or strategy row is corrupt, then reading fails with corrupt-data naming it', () => {
    strategies.insert(newStrategy());
    writeCorruptRow(harness.database, 'DROP TRIGGER strategy_legs_fixed');
    writeCorruptRow(harness.database, "UPDATE strategy_legs SET role = 'short_call' WHERE leg_index = 1");
    expect(() => strategies.get('stg-1' as StrategyId)).toThrow(expect.objectContaining({ code: 'corrupt-data', message: expect.stringContaining("strategies row 'stg-1': does not hold a valid strategy: legs[1].role") }));
    strategies.insert(newStrategy({ id: 'stg-2' }));
    writeCorruptRow(harness.database, "UPDATE strategies SET status = 'OPEN' WHERE id = 'stg-2'");
    expect(() => strategies.get('stg-2' as StrategyId)).toThrow(/openedAt must be set/);
  });
});
