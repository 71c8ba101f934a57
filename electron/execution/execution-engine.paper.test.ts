import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURE_EXPIRY, spyOption } from '../broker/paper/testing/paper-fixture.ts';
import type { OrderId } from '../../shared/domain/ids.ts';
import { replayTradingState } from '../persistence/journal/state-replay.ts';
import { AllowAllGate } from './testing/gate-fakes.ts';
import { EngineFixture } from './testing/engine-fixture.ts';

let fixture: EngineFixture;
let gate: AllowAllGate;

beforeEach(() => {
  gate = new AllowAllGate();
  fixture = new EngineFixture({ gate });
});

afterEach(() => {
  expect(fixture.harness.handlerErrors).toEqual([]);
  fixture.dispose();
});

const order = (id: OrderId | undefined) => fixture.oms.getOrder(id as OrderId);
const near = `${FIXTURE_EXPIRY}`;

describe('execution engine on the paper broker: place → fill → close', () => {
  it('when a limit order fills and the position is closed, then both orders are FILLED and the book and broker are flat', async () => {
    const { option } = fixture.paper;
    const placed = await fixture.engine.placeOrder({ instrument: option, action: 'BUY', quantity: 2, type: 'LMT', limitPrice: 2.1, tif: 'DAY' });
    expect(placed).toEqual({ success: true, action: 'PLACED', orderIds: ['ORD-000001'] });
    await fixture.settle();
    expect(order(placed.orderIds[0])).toMatchObject({ status: 'FILLED', filledQuantity: 2, averageFillPrice: 2.1 });
    expect(await fixture.bookPositions()).toEqual({ [`560C ${near}`]: 2 });
    const closed = await fixture.engine.closePosition({ target: { contracts: [option] } });
    expect(closed).toEqual({ success: true, action: 'CLOSED', orderIds: ['ORD-000002'] });
    expect(order(closed.orderIds[0])).toMatchObject({ action: 'SELL', quantity: 2, type: 'MKT' });
    await fixture.settle();
    expect(order(closed.orderIds[0])?.status).toBe('FILLED');
    expect(await fixture.bookPositions()).toEqual({});
    expect(await fixture.brokerPositions()).toEqual({});
    expect(fixture.oms.metrics()).toMatchObject({ orders: 2, filled: 2, fillRate: 1 });
    expect(fixture.harness.eventsOf('execution.completed').map((event) => [event.operation, event.result.action])).toEqual([['placeOrder', 'PLACED'], ['closePosition', 'CLOSED']]);
  });

  it('when the journal of an OMS session is replayed, then it rebuilds the same orders and fills without a problem (OMS entries are skipped)', async () => {
    const { combo, option } = fixture.paper;
    await fixture.engine.placeComboOrder({ legs: combo.legs, quantity: 2, walk: { step: { kind: 'amount', amount: 0.05 }, intervalMs: 500 } });
    await fixture.engine.placeOrder({ instrument: option, action: 'BUY', quantity: 1, type: 'LMT', limitPrice: 1.0, tif: 'DAY' }, { dryRun: true });
    await fixture.elapse(3_000);
    await fixture.engine.closeAll();
    await fixture.settle();
    const replayed = replayTradingState(fixture.harness.store.journal);
    expect(replayed.problems).toEqual([]);
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect([...replayed.orders.values()].sort(byId)).toEqual(fixture.harness.store.orders.listAll().sort(byId));
    expect(replayed.fills.size).toBe(fixture.harness.store.fills.listAll().length);
    expect(fixture.harness.store.journal.read({ types: ['oms.order-modified'] }).length).toBeGreaterThan(0);
  });

  it('when every supported order type and time in force is placed, then each is accepted by the paper broker', async () => {
    const { option } = fixture.paper;
    const inputs = [
      { type: 'MKT', tif: 'DAY' },
      { type: 'LMT', tif: 'GTC', limitPrice: 1.5 },
      { type: 'STP', tif: 'DAY', stopPrice: 2.5 },
      { type: 'STP_LMT', tif: 'GTC', stopPrice: 2.5, limitPrice: 2.6 },
      { type: 'TRAIL', tif: 'DAY', trailingAmount: 0.2 },
      { type: 'TRAIL_LIMIT', tif: 'DAY', trailingPercent: 10, limitOffset: 0.05 },
      { type: 'LMT', tif: 'IOC', limitPrice: 1.5 },
      { type: 'LMT', tif: 'OPG', limitPrice: 1.5 },
    ] as const;
    const results = [];
    for (const input of inputs) results.push(await fixture.engine.placeOrder({ instrument: option, action: 'BUY', quantity: 1, ...input }));
    expect(results.every((result) => result.success && result.action === 'PLACED')).toBe(true);
    await fixture.settle();
    const statuses = results.map((result) => order(result.orderIds[0])?.status);
    expect(statuses).not.toContain('REJECTED');
    expect(statuses).toEqual(['FILLED', 'SUBMITTED', 'PRE_SUBMITTED', 'PRE_SUBMITTED', 'PRE_SUBMITTED', 'PRE_SUBMITTED', 'CANCELLED', 'PRE_SUBMITTED']);
  });

  it('when a working order is modified and then cancelled, then the broker works the new price and confirms the cancel', async () => {
    const { option } = fixture.paper;
    const placed = await fixture.engine.placeOrder({ instrument: option, action: 'BUY', quantity: 1, type: 'LMT', limitPrice: 1.5, tif: 'DAY' });
    await fixture.settle();
    const id = placed.orderIds[0] as OrderId;
    expect(await fixture.engine.modifyOrder(id, { limitPrice: 1.6 })).toEqual({ success: true, action: 'PLACED', orderIds: [id] });
    await fixture.settle();
    expect((await fixture.paper.broker.openOrders()).find((snapshot) => snapshot.clientOrderRef === order(id)?.clientOrderRef)?.request.limitPrice).toBe(1.6);
    expect(await fixture.engine.cancelOrder(id)).toEqual({ success: true, action: 'CLOSED', orderIds: [id] });
    await fixture.settle();
    expect(order(id)?.status).toBe('CANCELLED');
  });
});

describe('execution engine on the paper broker: brackets', () => {
  it('when the parent fills and the take-profit fills, then the stop-loss is cancelled by the OCA group', async () => {
    const { option, market } = fixture.paper;
    const result = await fixture.engine.placeBracketOrder({ entry: { instrument: option, action: 'BUY', quantity: 1, type: 'LMT', limitPrice: 2.1, tif: 'DAY' }, takeProfitPrice: 2.5, stopLossPrice: 1.5 });
    expect(result).toMatchObject({ success: true, action: 'PLACED', orderIds: ['ORD-000001', 'ORD-000002', 'ORD-000003'] });
    const [parentId, takeProfitId, stopLossId] = result.orderIds as [OrderId, OrderId, OrderId];
    expect(order(takeProfitId)).toMatchObject({ parentId, action: 'SELL', type: 'LMT', limitPrice: 2.5, ocaGroup: 'oca-OWS-000001' });
    expect(order(stopLossId)).toMatchObject({ parentId, action: 'SELL', type: 'STP', stopPrice: 1.5, ocaGroup: 'oca-OWS-000001' });
    await fixture.settle();
    expect([order(parentId)?.status, order(takeProfitId)?.status, order(stopLossId)?.status]).toEqual(['FILLED', 'SUBMITTED', 'PRE_SUBMITTED']);
    market.setQuote(option, { bid: 2.5, ask: 2.6, bidSize: 50, askSize: 50 });
    await fixture.settle();
    expect([order(takeProfitId)?.status, order(stopLossId)?.status]).toEqual(['FILLED', 'CANCELLED']);
    expect(await fixture.bookPositions()).toEqual({});
  });
});

describe('execution engine on the paper broker: combos and price walking', () => {
  const walk = { step: { kind: 'amount', amount: 0.03 }, intervalMs: 1_000 } as const;

  it('when a debit combo walks from the mid, then each step is a gated modify and it fills at the natural price', async () => {
    const { combo } = fixture.paper;
    const result = await fixture.engine.placeComboOrder({ legs: combo.legs, quantity: 1, walk });
    expect(result).toMatchObject({ success: true, action: 'PLACED' });
    const id = result.orderIds[0] as OrderId;
    expect(order(id)).toMatchObject({ type: 'LMT', limitPrice: 1.0 });
    expect(fixture.engine.activeWalks()).toEqual([id]);
    await fixture.elapse(5_000);
    expect(fixture.harness.eventsOf('combo.walk-step').map((step) => step.limitPrice)).toEqual([1.03, 1.06, 1.09, 1.1]);
    expect(gate.intents.filter((intent) => intent.kind === 'modify').map((intent) => intent.limitPrice)).toEqual([1.03, 1.06, 1.09, 1.1]);
    expect(fixture.harness.eventsOf('combo.walk-stopped')).toEqual([expect.objectContaining({ orderId: id, reason: 'reached-natural', limitPrice: 1.1 })]);
    expect(order(id)).toMatchObject({ status: 'FILLED', averageFillPrice: 1.1 });
    expect(fixture.oms.comboProgress(id)).toMatchObject({ completeUnits: 1, balanced: true, legs: [{ filledQuantity: 1 }, { filledQuantity: 1 }] });
    expect(fixture.engine.activeWalks()).toEqual([]);
  });

  it('when the market comes to the walked limit, then the order fills and the walk stops without another modify', async () => {
    const { combo, market, otherOption } = fixture.paper;
    const id = (await fixture.engine.placeComboOrder({ legs: combo.legs, quantity: 1, walk })).orderIds[0] as OrderId;
    await fixture.elapse(1_100);
    market.setQuote(otherOption, { bid: 1.07, ask: 1.17, bidSize: 50, askSize: 50 });
    await fixture.settle();
    expect(order(id)).toMatchObject({ status: 'FILLED', averageFillPrice: 1.03 });
    await fixture.elapse(3_000);
    expect(fixture.harness.eventsOf('combo.walk-step')).toHaveLength(1);
    expect(fixture.harness.eventsOf('combo.walk-stopped')).toEqual([expect.objectContaining({ reason: 'filled' })]);
  });

  it('when a credit combo walks toward a natural DEBIT, then the limit stops at zero credit and is never sent as a debit', async () => {
    const { market, option, otherOption } = fixture.paper;
    market.setQuote(option, { bid: 1.0, ask: 1.1, bidSize: 50, askSize: 50 });
    market.setQuote(otherOption, { bid: 0.98, ask: 1.08, bidSize: 50, askSize: 50 });
    const legs = [{ contract: option, ratio: 1, action: 'SELL' }, { contract: otherOption, ratio: 1, action: 'BUY' }] as const;
    const id = (await fixture.engine.placeComboOrder({ legs, quantity: 1, walk: { step: { kind: 'amount', amount: 0.01 }, intervalMs: 1_000 } })).orderIds[0] as OrderId;
    expect(order(id)?.limitPrice).toBe(-0.02);
    await fixture.elapse(10_000);
    const sent = fixture.harness.store.journal.read({ types: ['oms.order-modified'] }).map((entry) => (entry.payload as { changes: { limitPrice: number } }).changes.limitPrice);
    expect(sent).toEqual([-0.01, 0]);
    expect(fixture.harness.eventsOf('combo.walk-stopped')).toEqual([expect.objectContaining({ reason: 'credit-floor', limitPrice: 0 })]);
    expect(order(id)?.status).toBe('SUBMITTED');
    expect(fixture.oms.termsOf(id)?.limitPrice).toBe(0);
  });

  it('when a walked order is cancelled, then the walk stops', async () => {
    const { combo } = fixture.paper;
    const id = (await fixture.engine.placeComboOrder({ legs: combo.legs, quantity: 1, walk })).orderIds[0] as OrderId;
    await fixture.settle();
    await fixture.engine.cancelOrder(id);
    await fixture.elapse(3_000);
    expect(fixture.harness.eventsOf('combo.walk-step')).toEqual([]);
    expect(fixture.harness.eventsOf('combo.walk-stopped')).toEqual([expect.objectContaining({ reason: 'cancel-requested' })]);
    expect(order(id)?.status).toBe('CANCELLED');
  });
});

describe('execution engine on the paper broker: roll and reduce', () => {
  const april = spyOption(570, 'call', '2026-04-17');

  async function shortCall(): Promise<void> {
    await fixture.engine.placeOrder({ instrument: fixture.paper.otherOption, action: 'SELL', quantity: 1, type: 'LMT', limitPrice: 1.0, tif: 'DAY' });
    await fixture.settle();
  }

  it('when a short call is rolled out for a credit, then the old leg is closed and the new one opened in ONE combo order', async () => {
    fixture.paper.market.setQuote(april, { bid: 2.0, ask: 2.1, bidSize: 50, askSize: 50 });
    await shortCall();
    const result = await fixture.engine.rollPosition({ close: { contracts: [fixture.paper.otherOption] }, open: [{ contract: april, action: 'SELL', ratio: 1 }], limitPrice: -0.9, requireCredit: true });
    expect(result).toEqual({ success: true, action: 'ROLLED', orderIds: ['ORD-000002'] });
    expect(order(result.orderIds[0])?.instrument).toMatchObject({ kind: 'combo', legs: [{ action: 'BUY', ratio: 1 }, { action: 'SELL', ratio: 1 }] });
    await fixture.settle();
    expect(order(result.orderIds[0])).toMatchObject({ status: 'FILLED', averageFillPrice: -0.9 });
    expect(await fixture.bookPositions()).toEqual({ '570C 2026-04-17': -1 });
    expect(await fixture.brokerPositions()).toEqual({ '570C 2026-04-17': -1 });
  });

  it('when a roll that must be a credit is priced as a debit, then it fails clearly and nothing is saved or sent', async () => {
    const later = spyOption(580);
    fixture.paper.market.setQuote(later, { bid: 0.5, ask: 0.6, bidSize: 50, askSize: 50 });
    await shortCall();
    const ordersBefore = fixture.harness.store.orders.listAll().length;
    const result = await fixture.engine.rollPosition({ close: { contracts: [fixture.paper.otherOption] }, open: [{ contract: later, action: 'SELL', ratio: 1 }], walk: { step: { kind: 'amount', amount: 0.01 }, intervalMs: 1_000 }, requireCredit: true });
    expect(result).toEqual({ success: false, action: 'FAILED', orderIds: [], error: 'requireCredit: the net price 0.5 is not a credit (debit positive, credit negative); nothing was sent' });
    expect(fixture.harness.store.orders.listAll()).toHaveLength(ordersBefore);
  });

  it('when a vertical is reduced, then every leg closes in proportion in one order, and more than the position is refused', async () => {
    const { combo } = fixture.paper;
    await fixture.engine.placeComboOrder({ legs: combo.legs, quantity: 3, limitPrice: 1.1 });
    await fixture.settle();
    expect(await fixture.bookPositions()).toEqual({ [`560C ${near}`]: 3, [`570C ${near}`]: -3 });
    const target = { contracts: [fixture.paper.option, fixture.paper.otherOption] };
    expect(await fixture.engine.reducePosition({ target, quantity: 4 })).toEqual({ success: false, action: 'FAILED', orderIds: [], error: 'cannot reduce by 4: the position is 3 units' });
    const reduced = await fixture.engine.reducePosition({ target, quantity: 2 });
    expect(reduced).toEqual({ success: true, action: 'REDUCED', orderIds: ['ORD-000002'] });
    expect(order(reduced.orderIds[0])).toMatchObject({ quantity: 2, instrument: { legs: [{ action: 'SELL', ratio: 1 }, { action: 'BUY', ratio: 1 }] } });
    await fixture.settle();
    expect(await fixture.bookPositions()).toEqual({ [`560C ${near}`]: 1, [`570C ${near}`]: -1 });
  });

  it('when everything is closed, then each underlying gets one order and the book is flat', async () => {
    const { combo } = fixture.paper;
    await fixture.engine.placeComboOrder({ legs: combo.legs, quantity: 2, limitPrice: 1.1 });
    await fixture.engine.placeOrder({ instrument: fixture.paper.underlying, action: 'BUY', quantity: 10, type: 'MKT', tif: 'DAY' });
    await fixture.settle();
    const result = await fixture.engine.closeAll();
    expect(result).toMatchObject({ success: true, action: 'CLOSED' });
    expect(result.orderIds).toHaveLength(2);
    await fixture.settle();
    expect(await fixture.bookPositions()).toEqual({});
    expect(await fixture.brokerPositions()).toEqual({});
  });

  it('when a strategy is closed, then only its legs up to its size are closed', async () => {
    const { combo, option, otherOption } = fixture.paper;
    await fixture.engine.placeComboOrder({ legs: combo.legs, quantity: 3, limitPrice: 1.1 });
    await fixture.settle();
    const strategy = { legs: [{ contract: option, action: 'BUY', ratio: 1 }, { contract: otherOption, action: 'SELL', ratio: 1 }], quantity: 1 } as const;
    expect(await fixture.engine.closePosition({ target: { strategy } })).toMatchObject({ success: true, action: 'CLOSED' });
    await fixture.settle();
    expect(await fixture.bookPositions()).toEqual({ [`560C ${near}`]: 2, [`570C ${near}`]: -2 });
  });
});
