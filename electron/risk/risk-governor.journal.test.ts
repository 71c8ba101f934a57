import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultRiskLimits } from '../../shared/domain/risk.ts';
import { EventBus, type BusEvent } from '../core/event-bus.ts';
import { createDatabaseHarness, type DatabaseHarness } from '../persistence/testing/database-harness.ts';
import { newOrder } from '../persistence/testing/trading-fixtures.ts';
import { TradingStore } from '../persistence/trading-store.ts';
import type { RiskGovernorEvents } from './risk-events.ts';
import { RiskGovernor } from './risk-governor.ts';
import type { RiskEventPublisher, RiskJournal } from './risk-inputs.ts';
import { intent, RiskWorld } from './testing/risk-world.ts';

let database: DatabaseHarness;
let world: RiskWorld;
let store: TradingStore;
let bus: EventBus<RiskGovernorEvents>;
let published: BusEvent<RiskGovernorEvents>[];

beforeEach(() => {
  database = createDatabaseHarness('risk-governor-journal-');
  world = new RiskWorld();
  store = new TradingStore(database.database, world.clock);
  bus = new EventBus<RiskGovernorEvents>();
  published = [];
  bus.subscribeAll((event) => published.push(event));
});
afterEach(() => database.dispose());

function governor(journal: RiskJournal = (event) => store.records.recordRiskEvent(event), events: RiskEventPublisher = bus): RiskGovernor {
  return new RiskGovernor({
    inputs: world.inputs(),
    limits: defaultRiskLimits,
    events,
    journal,
    orderIdOf: (reference) => store.orders.getByClientOrderRef(reference)?.id,
  });
}

describe('RiskGovernor journal and events', () => {
  it('when an order is denied, then the denial is stored in risk_events and the journal, naming the saved order, and published', () => {
    const gate = governor();
    gate.markReconciled();
    const order = intent({ quantity: 21 });
    const saved = store.recordOrderCreated(newOrder({ clientOrderRef: order.clientOrderRef, quantity: 21 }));
    expect(gate.check(order)).toMatchObject({ allowed: false, denial: { code: 'MAX_CONTRACTS_PER_ORDER' } });

    const [denial] = store.records.riskEvents.list({ kind: 'DENIAL' });
    expect(denial).toMatchObject({ kind: 'DENIAL', denialCode: 'MAX_CONTRACTS_PER_ORDER', orderId: saved.id, tradingState: 'ACTIVE', time: world.clock.now() });
    expect(denial?.reason).toContain(`${order.clientOrderRef} SELL 21 SPY 2026-04-17 440 P`);
    expect(store.journal.read().at(-1)).toMatchObject({ type: 'risk.event', payload: { event: { kind: 'DENIAL', denialCode: 'MAX_CONTRACTS_PER_ORDER' } } });
    expect(published.at(-1)).toMatchObject({ type: 'risk.denied', payload: { channel: 'automation', denial: { code: 'MAX_CONTRACTS_PER_ORDER' }, order: { clientOrderRef: order.clientOrderRef, quantity: 21 } } });
    expect(store.journal.verify()).toMatchObject({ ok: true });
  });

  it('when the denied order was never saved, then the denial is still stored, without an order id', () => {
    const gate = governor();
    gate.check(intent());
    expect(store.records.riskEvents.list({ kind: 'DENIAL' })).toEqual([expect.objectContaining({ denialCode: 'NOT_RECONCILED', orderId: undefined })]);
  });

  it('when the kill switch halts, reconciliation changes and an operator rearms, then each is a stored risk event and a published state change', () => {
    const gate = governor();
    gate.markReconciled();
    gate.halt('kill switch pressed', { trigger: 'shortcut' });
    gate.rearm('alice');
    expect(store.records.riskEvents.list().map((event) => [event.kind, event.previousState, event.tradingState, event.latched, event.trigger])).toEqual([
      ['STATE_CHANGE', 'ACTIVE', 'ACTIVE', false, undefined],
      ['HALT', 'ACTIVE', 'HALTED', true, 'shortcut'],
      ['STATE_CHANGE', 'HALTED', 'ACTIVE', false, undefined],
    ]);
    expect(store.records.riskEvents.latestStateChange()).toMatchObject({ reason: 'rearmed by alice' });
    expect(published.map((event) => event.type === 'risk.state-changed' && event.payload.cause)).toEqual(['reconciled', 'halt', 'rearm']);
  });

  it('when the kill switch fires twice, then both presses are journaled as HALT events', () => {
    const gate = governor();
    gate.halt('kill switch pressed', { trigger: 'shortcut' });
    expect(gate.halt('kill switch pressed again', { trigger: 'tray' }).changed).toBe(false);
    expect(store.records.riskEvents.list({ kind: 'HALT' }).map((event) => event.trigger)).toEqual(['shortcut', 'tray']);
  });

  it('when the journal fails, then check still denies, halt still closes the gate, the failure is published, and rearm is refused', () => {
    const gate = governor(() => {
      throw new Error('disk full');
    });
    expect(gate.check(intent()).allowed).toBe(false);
    expect(gate.halt('kill switch').state.tradingState).toBe('HALTED');
    expect(gate.check(intent()).allowed).toBe(false);
    expect(published.filter((event) => event.type === 'risk.record-failed')).not.toHaveLength(0);
    expect(gate.rearm('alice')).toMatchObject({ ok: false, reason: expect.stringContaining('journal') });
    expect(gate.state().tradingState).toBe('HALTED');
  });

  it('when the event bus is disposed, then check and halt still work', () => {
    bus.dispose();
    const gate = governor();
    expect(gate.check(intent()).allowed).toBe(false);
    expect(gate.halt('kill switch').state.tradingState).toBe('HALTED');
    expect(store.records.riskEvents.list()).toHaveLength(2);
  });

  it('when the engine bus carries other events too, then it is accepted as the risk event publisher', () => {
    const engineBus = new EventBus<RiskGovernorEvents & { 'order.placed': { readonly clientOrderRef: string } }>();
    const heard: string[] = [];
    engineBus.subscribe('risk.denied', (event) => heard.push(event.denial.code));
    governor(undefined, engineBus).check(intent());
    expect(heard).toEqual(['NOT_RECONCILED']);
  });
});
