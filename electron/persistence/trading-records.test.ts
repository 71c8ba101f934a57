import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStrategy, type Strategy } from '../../shared/domain/strategy.ts';
import type { DecisionId, StrategyId } from '../../shared/domain/ids.ts';
import { applyFill } from '../../shared/domain/position.ts';
import { createDatabaseHarness, type DatabaseHarness } from './testing/database-harness.ts';
import { dollars, fillOf, fixtureTime, newAlert, newDecision, newOrder, newStrategy, strategyInput } from './testing/trading-fixtures.ts';
import { TradingStore } from './trading-store.ts';

let harness: DatabaseHarness;
let store: TradingStore;

beforeEach(() => {
  harness = createDatabaseHarness('trading-records-test-');
  store = new TradingStore(harness.database, harness.clock);
});

afterEach(() => harness.dispose());

const types = () => store.journal.read().map((entry) => entry.type);
const opened = (strategy: Strategy) => createStrategy({ ...strategy, status: 'OPEN', openedAt: fixtureTime + 1, entryNetAmount: dollars(-170) });

describe('TradingRecords (through TradingStore.records)', () => {
  it('when a strategy is created and moved legally, then each step is journaled and stored; an unchanged update writes nothing', () => {
    const strategy = store.records.recordStrategyCreated(newStrategy());
    const open = opened(strategy);
    expect(store.records.recordStrategyUpdate(open)).toEqual({ ok: true, strategy: open, changed: true });
    expect(store.records.recordStrategyUpdate(open)).toEqual({ ok: true, strategy: open, changed: false });
    expect(types()).toEqual(['strategy.created', 'strategy.updated']);
    expect(store.records.strategies.get(strategy.id)).toEqual(open);
  });

  it('when a strategy status change is illegal, then it is journaled as refused, reported and not applied', () => {
    const strategy = store.records.recordStrategyCreated(newStrategy());
    const closed = createStrategy({ ...opened(strategy), status: 'CLOSED', closedAt: fixtureTime + 2 });
    expect(store.records.recordStrategyUpdate(closed)).toEqual({ ok: false, strategy, error: 'illegal strategy transition: PENDING → CLOSED' });
    expect(store.journal.read().at(-1)).toMatchObject({ type: 'strategy.refused', payload: { strategyId: 'stg-1', from: 'PENDING', to: 'CLOSED' } });
    expect(store.records.strategies.get(strategy.id)).toEqual(strategy);
  });

  it('when a strategy is rolled, then the successor and the ROLLED strategy are journaled and stored together', () => {
    const strategy = store.records.recordStrategyCreated(newStrategy());
    store.records.recordStrategyUpdate(opened(strategy));
    const successor = createStrategy({
      ...strategyInput({ id: 'stg-2', createdAt: fixtureTime + 5 }),
      rolledFromId: 'stg-1',
      rollHistory: [{ fromStrategyId: 'stg-1' as StrategyId, rolledAt: fixtureTime + 5, realizedPnl: dollars(40), decisionId: 'dec-1' as DecisionId }],
    });
    const rolled = createStrategy({ ...opened(strategy), status: 'ROLLED', closedAt: fixtureTime + 5, rolledToId: 'stg-2', realizedPnl: dollars(40) });
    expect(() => store.records.recordStrategyRoll(opened(strategy), successor)).toThrow(expect.objectContaining({ code: 'validation' }));
    expect(store.records.recordStrategyRoll(rolled, successor)).toEqual({ ok: true, rolledAway: rolled, successor });
    expect(types().at(-1)).toBe('strategy.rolled');
    expect(store.records.strategies.listActive()).toEqual([successor]);
  });

  it('when decisions, alerts, risk events and snapshots are recorded, then each is journaled with its row', () => {
    store.records.recordStrategyCreated(newStrategy());
    const decision = store.records.recordDecision(newDecision());
    const alert = store.records.recordAlert(newAlert());
    harness.clock.advance(1_000);
    const acknowledged = store.records.acknowledgeAlert(alert.id);
    expect(store.records.acknowledgeAlert(alert.id)).toEqual({ alert: acknowledged.alert, changed: false });
    const event = store.records.recordRiskEvent({ kind: 'HALT', time: fixtureTime, reason: 'kill switch', tradingState: 'HALTED', previousState: 'ACTIVE', latched: true, trigger: 'shortcut' });
    const order = store.recordOrderCreated(newOrder());
    const snapshot = store.records.recordPositionSnapshot({ takenAt: fixtureTime, source: 'oms', positions: [applyFill(undefined, fillOf(order))] });
    expect(types()).toEqual(['strategy.created', 'decision.recorded', 'alert.raised', 'alert.acknowledged', 'risk.event', 'order.created', 'positions.snapshot']);
    expect(store.records.decisions.get(decision.id)).toEqual(decision);
    expect(store.records.alerts.get(alert.id)?.acknowledgedAt).toBe(harness.clock.now());
    expect(store.journal.read({ types: ['risk.event'] })[0]?.payload).toEqual({ event: { ...event, previousState: 'ACTIVE' } });
    expect(store.records.positionSnapshots.latest('oms')).toEqual(snapshot);
  });

  it('when a record is invalid or refused by its repository, then the journal entry is rolled back too', () => {
    expect(() => store.records.recordDecision(newDecision())).toThrow(/foreign-key/);
    expect(() => store.records.recordAlert({ ...newAlert(), severity: 'loud' as never })).toThrow(expect.objectContaining({ code: 'validation' }));
    expect(() => store.records.recordRiskEvent({ kind: 'DENIAL', time: fixtureTime, reason: 'x', tradingState: 'ACTIVE' })).toThrow(/denialCode/);
    expect(store.journal.head().sequence).toBe(0);
  });
});
