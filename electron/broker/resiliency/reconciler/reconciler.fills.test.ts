import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReconcilerFixture } from './testing/reconciler-fixture.ts';

let fx: ReconcilerFixture;

beforeEach(() => {
  fx = new ReconcilerFixture();
});

afterEach(() => fx.dispose());

/** Submits a resting order and lets the paper broker acknowledge it. */
async function workingOrder(fields: Parameters<ReconcilerFixture['submit']>[0] = {}) {
  const result = await fx.submit(fields);
  expect(result.outcome).toBe('sent');
  await fx.settle();
  const order = result.orders[0];
  if (order === undefined) throw new Error('no order');
  expect(fx.orderByRef(order.clientOrderRef)?.status).toBe('SUBMITTED');
  return order;
}

describe('Reconciler: fills that happened while the app was down', () => {
  it('when the broker filled an order while the app was down, then the fill is adopted through the OMS, the order is FILLED and positions match', async () => {
    const order = await workingOrder();
    fx.stopApp();
    await fx.offerAt(1.5);
    const [execution] = await fx.paper.broker.executions(0);
    fx.restartApp();
    expect(fx.store.fills.listAll()).toEqual([]);

    const result = await fx.reconciled();

    expect(result.adoptedFills).toEqual([{ executionId: execution?.executionId, orderId: order.id, clientOrderRef: order.clientOrderRef, quantity: 1, price: 1.5, time: execution?.time }]);
    expect(fx.orderByRef(order.clientOrderRef)).toMatchObject({ status: 'FILLED', filledQuantity: 1, averageFillPrice: 1.5 });
    expect(fx.store.fills.get(execution!.executionId)?.commission).toBe(execution?.commission);
    expect(result.positionMismatches).toEqual([]);
    expect(result.reconciled).toBe(true);
    expect(fx.governor.reconciled).toBe(true);
    expect(fx.harness.eventsOf('fill.recorded').map((event) => event.fill.id)).toEqual([execution?.executionId]);
  });

  it('when part of an order filled while the app was down and the broker forgot it after the session, then the fill is applied first and the order ends CANCELLED with the rest', async () => {
    const order = await workingOrder({ quantity: 3 });
    fx.stopApp();
    await fx.offerAt(1.5, 2);
    fx.paper.elapse(24 * 3_600_000); // the DAY order expires at the close; the next day the broker no longer lists it
    expect((await fx.paper.broker.openOrders()).map((snapshot) => snapshot.clientOrderRef)).not.toContain(order.clientOrderRef);
    fx.restartApp();

    const result = await fx.reconciled();

    expect(result.adoptedFills.map((fill) => fill.quantity)).toEqual([2]);
    expect(result.markedOrders).toEqual([{ orderId: order.id, clientOrderRef: order.clientOrderRef, from: 'PARTIALLY_FILLED', to: 'CANCELLED', reason: 'the broker no longer knows this order (reconciliation)' }]);
    expect(fx.orderByRef(order.clientOrderRef)).toMatchObject({ status: 'CANCELLED', filledQuantity: 2, statusMessage: 'the broker no longer knows this order (reconciliation)' });
    expect(result.positionMismatches).toEqual([]);
    expect(fx.governor.reconciled).toBe(true);
  });

  it('when fills were adopted, then reconciling again changes nothing: no fill, status, order event, flag or letter is added', async () => {
    const order = await workingOrder();
    fx.stopApp();
    await fx.offerAt(1.5);
    fx.restartApp();
    await fx.reconciled();
    const before = fx.tradingState();
    const eventsBefore = fx.harness.events.length;

    const second = await fx.reconciled();

    expect(fx.tradingState()).toEqual(before);
    expect(fx.harness.events.length).toBe(eventsBefore);
    expect(second).toMatchObject({ adoptedFills: [], resolvedOrders: [], markedOrders: [], adoptedStatuses: [], refusedTransitions: [], foreignExecutions: [], positionMismatches: [], reconciled: true });
    expect(fx.orderByRef(order.clientOrderRef)?.status).toBe('FILLED');
  });

  it('when the OMS heard a fill live, then the reconciliation does not record it a second time', async () => {
    const order = await workingOrder();
    await fx.offerAt(1.5);
    expect(fx.orderByRef(order.clientOrderRef)?.status).toBe('FILLED');

    const result = await fx.reconciled('reconnect');

    expect(result.adoptedFills).toEqual([]);
    expect(fx.store.fills.listAll()).toHaveLength(1);
    expect(result.reconciled).toBe(true);
  });

  it('when a run succeeded, then the next run reads executions from the saved watermark minus the margin, or from the oldest working order when that is older', async () => {
    const first = await fx.reconciled();
    expect(first.since).toBe(0); // nothing remembered: everything the broker has
    fx.paper.elapse(3_600_000);

    const second = await fx.reconciled('manual');
    expect(second.since).toBe(first.startedAt - 10 * 60_000);

    const order = await workingOrder({ tif: 'GTC' });
    fx.paper.elapse(3_600_000);
    await fx.reconciled('manual');
    fx.paper.elapse(3_600_000);
    const fourth = await fx.reconciled('manual');
    expect(fourth.since).toBe(order.createdAt);
  });

  it('when a run starts and finishes, then both are journaled and the finish lists what was adopted', async () => {
    const order = await workingOrder();
    fx.stopApp();
    await fx.offerAt(1.5);
    fx.restartApp();

    await fx.reconciled();

    const entries = fx.store.journal.read({ types: ['reconciliation.started', 'reconciliation.finished'] });
    expect(entries.map((entry) => entry.type)).toEqual(['reconciliation.started', 'reconciliation.finished']);
    expect(entries[0]?.payload).toMatchObject({ trigger: 'start', since: 0 });
    expect(entries[1]?.payload).toMatchObject({ ok: true, reconciled: true, adoptedFills: [{ orderId: order.id, quantity: 1, price: 1.5 }] });
    expect(fx.events.map((event) => event.type)).toEqual(['started', 'finished']);
  });
});
