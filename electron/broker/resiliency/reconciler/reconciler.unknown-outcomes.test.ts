import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOrder } from '../../../../shared/domain/order.ts';
import { orderIdForClientOrderRef } from '../../../execution/order-ids.ts';
import { flush } from '../../../execution/testing/oms-harness.ts';
import { orderRequest } from '../testing/order-requests.ts';
import { ReconcilerFixture } from './testing/reconciler-fixture.ts';

let fx: ReconcilerFixture;

beforeEach(() => {
  fx = new ReconcilerFixture();
});

afterEach(() => fx.dispose());

/** Starts a submission whose broker call never answers; the promise is kept from going unhandled. */
async function submitWithoutAnswer(): Promise<void> {
  fx.oms.submit({ instrument: fx.paper.option, action: 'BUY', quantity: 1, type: 'LMT', tif: 'DAY', limitPrice: 1.5, purpose: 'entry' }).catch(() => {});
  await flush();
}

describe('Reconciler: orders whose outcome was unknown', () => {
  it('when the order reached the broker but the app died before recording its broker id, then the broker id, status and outcome are adopted by client order ref', async () => {
    fx.broker.placement = 'reach-and-hang';
    await submitWithoutAnswer();
    fx.stopApp(); // dies before the broker's acknowledgement is heard
    await fx.settle();
    const [snapshot] = await fx.paper.broker.openOrders();
    fx.restartApp();
    const [order] = fx.store.orders.listAll();
    expect(order).toMatchObject({ status: 'PENDING_SUBMIT', brokerOrderId: undefined });
    expect(fx.oms.unknownOutcomes()).toEqual([]); // nothing was flagged: the process died first

    const result = await fx.reconciled();

    expect(result.resolvedOrders).toEqual([
      { orderId: order?.id, clientOrderRef: order?.clientOrderRef, operation: 'place', outcome: 'found', status: 'SUBMITTED', brokerOrderId: snapshot?.brokerOrderId },
    ]);
    expect(result.adoptedStatuses).toMatchObject([{ orderId: order?.id, brokerState: 'SUBMITTED', from: 'PENDING_SUBMIT', to: 'SUBMITTED' }]);
    expect(fx.orderByRef(order!.clientOrderRef)).toMatchObject({ status: 'SUBMITTED', brokerOrderId: snapshot?.brokerOrderId });
    await expect(fx.paper.broker.openOrders()).resolves.toHaveLength(1); // nothing was sent again
    expect(fx.governor.reconciled).toBe(true);
  });

  it('when a flagged placement had in fact reached the broker and filled, then the flag is resolved as found and the fill adopted', async () => {
    fx.broker.placement = 'reach-then-fail';
    const submitted = await fx.submit();
    expect(submitted.outcome).toBe('unknown');
    fx.stopApp();
    await fx.offerAt(1.5);
    fx.restartApp();
    const order = submitted.orders[0]!;
    expect(fx.oms.unknownOutcomes().map((outcome) => outcome.orderId)).toEqual([order.id]);

    const result = await fx.reconciled();

    expect(result.resolvedOrders).toMatchObject([{ orderId: order.id, operation: 'place', outcome: 'found', status: 'FILLED' }]);
    expect(result.adoptedFills).toHaveLength(1);
    expect(fx.oms.unknownOutcomes()).toEqual([]);
    expect(fx.orderByRef(order.clientOrderRef)).toMatchObject({ status: 'FILLED', filledQuantity: 1 });
    expect(result.positionMismatches).toEqual([]);
  });

  it('when a flagged placement never reached the broker, then after all three queries answered it is marked INACTIVE as not sent and the flag is resolved', async () => {
    fx.broker.placement = 'lost';
    const submitted = await fx.submit();
    expect(submitted.outcome).toBe('unknown');
    const order = submitted.orders[0]!;

    const result = await fx.reconciled('reconnect');

    const reason = `not sent: the broker has no order or execution with client order ref ${order.clientOrderRef} (reconciliation)`;
    expect(result.markedOrders).toEqual([{ orderId: order.id, clientOrderRef: order.clientOrderRef, from: 'PENDING_SUBMIT', to: 'INACTIVE', reason }]);
    expect(result.resolvedOrders).toEqual([{ orderId: order.id, clientOrderRef: order.clientOrderRef, operation: 'place', outcome: 'not-sent', status: 'INACTIVE', brokerOrderId: undefined }]);
    expect(fx.orderByRef(order.clientOrderRef)).toMatchObject({ status: 'INACTIVE', statusMessage: reason });
    expect(fx.oms.unknownOutcomes()).toEqual([]);
    expect(fx.harness.eventsOf('order.outcome-resolved')).toMatchObject([{ orderId: order.id, operation: 'place' }]);
    expect(fx.governor.reconciled).toBe(true);
  });

  it('when a placement may still be on its way on a reconnect run, then it is left alone and the run does not reconcile; once its deadline flagged it, the next run marks it not sent', async () => {
    fx.broker.placement = 'hang';
    await submitWithoutAnswer();
    const [order] = fx.store.orders.listAll();

    const first = await fx.reconciled('reconnect');

    expect(first.inFlightOrders).toEqual([{ orderId: order?.id, clientOrderRef: order?.clientOrderRef, since: order?.updatedAt }]);
    expect(first.markedOrders).toEqual([]);
    expect(first.reconciled).toBe(false);
    expect(fx.governor.reason).toContain(order?.clientOrderRef);
    expect(fx.orderByRef(order!.clientOrderRef)?.status).toBe('PENDING_SUBMIT');

    fx.paper.elapse(30_000); // the OMS's broker-call deadline: the outcome is now flagged unknown
    await flush();
    expect(fx.oms.unknownOutcomes().map((outcome) => outcome.orderId)).toEqual([order?.id]);
    const second = await fx.reconciled('retry');

    expect(second.resolvedOrders).toMatchObject([{ orderId: order?.id, outcome: 'not-sent', status: 'INACTIVE' }]);
    expect(second.reconciled).toBe(true);
  });

  it('when the app stopped between saving an order and sending it, then the CREATED order is cancelled locally on start', async () => {
    const reference = fx.store.nextClientOrderRef();
    const order = fx.store.recordOrderCreated(createOrder({ id: orderIdForClientOrderRef(reference), clientOrderRef: reference, instrument: fx.paper.option, action: 'BUY', quantity: 1, type: 'LMT', tif: 'DAY', limitPrice: 1.5 }, fx.clock.now()));
    fx.restartApp();

    const result = await fx.reconciled();

    expect(result.markedOrders).toEqual([{ orderId: order.id, clientOrderRef: reference, from: 'CREATED', to: 'CANCELLED', reason: 'never sent: the app stopped between saving and sending it (reconciliation)' }]);
    expect(fx.orderByRef(reference)?.status).toBe('CANCELLED');
  });

  it('when a cancel of unknown outcome never reached the broker, then the order returns to its working status and the flag is resolved', async () => {
    const submitted = await fx.submit();
    await fx.settle();
    const order = submitted.orders[0]!;
    const cancel = fx.broker.cancelOrder.bind(fx.broker);
    fx.broker.cancelOrder = () => Promise.reject(new Error('socket reset while cancelling'));
    const result = await fx.oms.cancel(order.id);
    fx.broker.cancelOrder = cancel;
    expect(result.outcome).toBe('unknown');
    expect(fx.orderByRef(order.clientOrderRef)?.status).toBe('PENDING_CANCEL');

    const reconciled = await fx.reconciled('reconnect');

    expect(reconciled.markedOrders).toMatchObject([{ orderId: order.id, from: 'PENDING_CANCEL', to: 'SUBMITTED' }]);
    expect(reconciled.resolvedOrders).toMatchObject([{ orderId: order.id, operation: 'cancel', outcome: 'found', status: 'SUBMITTED' }]);
    expect(fx.oms.unknownOutcomes()).toEqual([]);
  });

  it('when the app stopped between saving a cancel and sending it, then on start the order returns to its working status and a new cancel reaches the broker', async () => {
    const submitted = await fx.submit();
    await fx.settle();
    const order = submitted.orders[0]!;
    // What the OMS saves before the broker call; the process dies before the call (nothing flagged).
    fx.store.recordOrderStatus(order.id, { type: 'CANCEL_REQUESTED' });
    fx.stopApp();
    fx.restartApp();

    const reconciled = await fx.reconciled();

    expect(reconciled.markedOrders).toMatchObject([{ orderId: order.id, from: 'PENDING_CANCEL', to: 'SUBMITTED' }]);
    expect((await fx.oms.cancel(order.id)).outcome).toBe('sent');
    await fx.settle();
    expect(fx.orderByRef(order.clientOrderRef)?.status).toBe('CANCELLED');
    expect((await fx.reconciled()).markedOrders).toEqual([]);
  });

  it('when the app stopped while its cancel was still queued at the broker, then on start the order returns to working and the broker\'s answer cancels it', async () => {
    const submitted = await fx.submit();
    await fx.settle();
    const order = submitted.orders[0]!;
    expect((await fx.oms.cancel(order.id)).outcome).toBe('sent'); // handed over; answered after the broker's latency
    fx.stopApp();
    fx.restartApp();

    const reconciled = await fx.reconciled();

    expect(reconciled.markedOrders).toMatchObject([{ orderId: order.id, from: 'PENDING_CANCEL', to: 'SUBMITTED' }]);
    await fx.settle();
    expect(fx.orderByRef(order.clientOrderRef)?.status).toBe('CANCELLED');
  });

  it('when a cancel is pending on a run other than the first of the process, then it is left alone (its call may still be on its way)', async () => {
    const submitted = await fx.submit();
    await fx.settle();
    const order = submitted.orders[0]!;
    fx.store.recordOrderStatus(order.id, { type: 'CANCEL_REQUESTED' });

    const reconciled = await fx.reconciled('reconnect');

    expect(reconciled.markedOrders).toEqual([]);
    expect(fx.orderByRef(order.clientOrderRef)?.status).toBe('PENDING_CANCEL');
  });
});

describe('Reconciler: dead letters whose resubmit outcome is unknown', () => {
  it('when the letter reached the broker, then it is RESUBMITTED with the broker id; when it did not, then it is PENDING again', async () => {
    const reached = fx.deadLetters.capture({ request: { kind: 'order', order: orderRequest(800_001) }, reason: 'circuit open', errorCode: 'broker-unavailable', attempts: 1 });
    const lost = fx.deadLetters.capture({ request: { kind: 'order', order: orderRequest(800_002) }, reason: 'circuit open', errorCode: 'broker-unavailable', attempts: 1 });
    fx.broker.placement = 'reach-then-fail';
    expect((await fx.deadLetters.resubmit(reached.id, fx.broker)).outcome).toBe('unknown');
    fx.broker.placement = 'lost';
    expect((await fx.deadLetters.resubmit(lost.id, fx.broker)).outcome).toBe('unknown');
    await fx.settle();
    const [snapshot] = await fx.paper.broker.openOrders();

    const result = await fx.reconciled();

    expect(result.resolvedDeadLetters).toEqual([
      { id: reached.id, clientOrderRef: reached.clientOrderRef, found: true, brokerOrderId: snapshot?.brokerOrderId },
      { id: lost.id, clientOrderRef: lost.clientOrderRef, found: false, brokerOrderId: undefined },
    ]);
    expect(fx.deadLetters.get(reached.id)).toMatchObject({ status: 'RESUBMITTED', brokerOrderId: snapshot?.brokerOrderId });
    expect(fx.deadLetters.get(lost.id)?.status).toBe('PENDING');
  });
});
