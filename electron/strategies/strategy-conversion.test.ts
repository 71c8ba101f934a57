import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { comboNetPrice, createCombo, type StrategyId } from '../../shared/domain/index.ts';
import { StrategyRepository } from '../persistence/strategy.repository.ts';
import { createDatabaseHarness, type DatabaseHarness } from '../persistence/testing/database-harness.ts';
import { buildIronCondor } from './iron-condor.builder.ts';
import { buildShortPut } from './short-put.builder.ts';
import { toComboLegs, toEntryOrder, toPendingStrategy } from './strategy-conversion.ts';
import { openStrategyMarket, type StrategyMarket } from './testing/strategy-market.ts';

let world: StrategyMarket;
let database: DatabaseHarness;

beforeEach(async () => {
  world = await openStrategyMarket();
  database = createDatabaseHarness('strategy-conversion-test-');
});

afterEach(async () => {
  database.dispose();
  await world.dispose();
});

describe('toPendingStrategy', () => {
  it('when a built iron condor is converted, then it is a PENDING domain strategy with its legs and no fill prices, and it stores and reads back equal', () => {
    const built = buildIronCondor({ symbol: 'SPY', quantity: 2 }, world.ports());
    const strategy = toPendingStrategy(built, { id: 'stg-ic-1' });
    expect(strategy).toMatchObject({ id: 'stg-ic-1', type: 'IRON_CONDOR', underlyingSymbol: 'SPY', quantity: 2, status: 'PENDING', createdAt: built.builtAt, entryNetPrice: undefined, entryNetAmount: undefined });
    expect(strategy.legs.map((leg) => [leg.contract, leg.action, leg.ratio, leg.role, leg.entryPrice])).toEqual(built.legs.map((leg) => [leg.contract, leg.action, leg.ratio, leg.role, undefined]));
    const repository = new StrategyRepository(database.database, database.clock);
    repository.insert(strategy);
    expect(repository.get('stg-ic-1' as StrategyId)).toEqual(strategy);
  });

  it('when quoted entry prices are asked for, then the mids and the net price and amount are recorded', () => {
    const built = buildShortPut({ symbol: 'SPY' }, world.ports());
    const strategy = toPendingStrategy(built, { id: 'stg-sp-1', createdAt: built.builtAt + 5, quotedEntryPrices: true });
    expect(strategy.entryNetPrice).toBe(built.netPrice);
    expect(strategy.entryNetAmount).toBe(built.netAmount);
    expect(strategy.legs[0]?.entryPrice).toBe(built.legs[0]?.entryPrice);
    expect(strategy.createdAt).toBe(built.builtAt + 5);
  });
});

describe('toComboLegs and toEntryOrder', () => {
  it('when an iron condor is turned into combo legs, then they form a valid combo whose net price at the mids is the built net price', () => {
    const built = buildIronCondor({ symbol: 'SPY' }, world.ports());
    const legs = toComboLegs(built);
    expect(legs.map((leg) => [leg.action, leg.ratio, leg.contract.strike])).toEqual(built.legs.map((leg) => [leg.action, 1, leg.contract.strike]));
    expect(createCombo({ legs }, world.market.time).legs).toHaveLength(4);
    expect(comboNetPrice(built.legs.map((leg) => ({ action: leg.action, ratio: leg.ratio, price: leg.entryPrice })))).toBe(built.netPrice);
  });

  it('when the entry order of an iron condor is asked for, then it is a combo bought for quantity units with the given pricing', () => {
    const built = buildIronCondor({ symbol: 'SPY', quantity: 3 }, world.ports());
    const order = toEntryOrder(built, { strategyId: 'stg-ic-2', tif: 'GTC' });
    expect(order.kind).toBe('combo');
    expect(order.input).toMatchObject({ action: 'BUY', quantity: 3, type: 'LMT', purpose: 'entry', strategyId: 'stg-ic-2', tif: 'GTC' });
    if (order.kind === 'combo') expect(order.input.legs).toEqual(toComboLegs(built));
  });

  it('when the entry order of a short put is asked for, then it is a single DAY limit sell at the bid unless a limit is given', () => {
    const built = buildShortPut({ symbol: 'IWM', quantity: 2 }, world.ports());
    const order = toEntryOrder(built);
    expect(order).toEqual({ kind: 'single', input: { instrument: built.legs[0]!.contract, action: 'SELL', quantity: 2, type: 'LMT', tif: 'DAY', limitPrice: built.legs[0]!.bid, purpose: 'entry' } });
    expect(toEntryOrder(built, { limitPrice: 3.1, tif: 'GTC', strategyId: 'stg-sp-2' }).input).toMatchObject({ limitPrice: 3.1, tif: 'GTC', strategyId: 'stg-sp-2' });
  });
});
