import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contractKey } from '../../../../shared/domain/contract.ts';
import type { ReconcilerEvent } from './reconciliation-result.ts';
import { ReconcilerFixture } from './testing/reconciler-fixture.ts';

let fx: ReconcilerFixture;

beforeEach(() => {
  fx = new ReconcilerFixture();
});

afterEach(() => fx.dispose());

const discrepancies = (events: readonly ReconcilerEvent[]) => events.flatMap((event) => (event.type === 'discrepancy' ? [event.discrepancy.kind] : []));

describe('Reconciler: orders the broker no longer knows', () => {
  it('when a working order is absent from the broker the next day with no execution, then it is marked CANCELLED with the reason', async () => {
    const submitted = await fx.submit();
    await fx.settle();
    const order = submitted.orders[0]!;
    fx.stopApp();
    fx.paper.elapse(24 * 3_600_000); // expired at the close; no longer listed the next day
    fx.restartApp();

    const result = await fx.reconciled();

    expect(result.markedOrders).toEqual([{ orderId: order.id, clientOrderRef: order.clientOrderRef, from: 'SUBMITTED', to: 'CANCELLED', reason: 'the broker no longer knows this order (reconciliation)' }]);
    expect(result.adoptedFills).toEqual([]);
    expect(fx.oms.workingOrders()).toEqual([]);
    expect(fx.governor.reconciled).toBe(true);
  });

  it('when the broker still shows an order it finished while the app was down, then its final status is adopted through the transition table', async () => {
    const submitted = await fx.submit();
    await fx.settle();
    const order = submitted.orders[0]!;
    fx.stopApp();
    await fx.paper.broker.cancelOrder(order.clientOrderRef);
    await fx.settle();
    fx.restartApp();

    const result = await fx.reconciled();

    expect(result.adoptedStatuses).toEqual([{ orderId: order.id, clientOrderRef: order.clientOrderRef, brokerState: 'CANCELLED', from: 'SUBMITTED', to: 'CANCELLED' }]);
    expect(result.markedOrders).toEqual([]);
  });

  it('when the broker reports a working state for an order we hold final, then the illegal transition is recorded once, never forced, and a second run records nothing more', async () => {
    const submitted = await fx.submit();
    await fx.settle();
    const order = submitted.orders[0]!;
    fx.store.recordOrderStatus(order.id, { type: 'CANCEL_CONFIRMED' }, { message: 'cancelled by a bug' });

    const first = await fx.reconciled('manual');
    const refusalsAfterFirst = fx.store.orderEvents.listRefused().length;
    const second = await fx.reconciled('manual');

    expect(first.refusedTransitions).toMatchObject([{ orderId: order.id, brokerState: 'SUBMITTED', event: 'ACKNOWLEDGED', status: 'CANCELLED', alreadyRecorded: false }]);
    expect(second.refusedTransitions).toEqual([{ ...first.refusedTransitions[0], alreadyRecorded: true }]);
    expect(refusalsAfterFirst).toBe(1);
    expect(fx.store.orderEvents.listRefused()).toHaveLength(1);
    expect(fx.orderByRef(order.clientOrderRef)?.status).toBe('CANCELLED');
    expect(discrepancies(fx.events)).toEqual(['refused-transition']);
  });
});

describe('Reconciler: foreign executions and positions opened outside the app', () => {
  it('when an order of a ref we never issued filled while the app was down, then its execution is reported foreign, never recorded as ours, and the position is flagged outside-app', async () => {
    fx.stopApp();
    const reference = await fx.placeForeign();
    const [execution] = await fx.paper.broker.executions(0);
    fx.restartApp();

    const result = await fx.reconciled();

    expect(result.foreignExecutions).toEqual([{ execution, reason: `no order of ours has client order ref ${reference} (broker order id ${execution?.brokerOrderId})`, firstReported: true }]);
    expect(fx.store.fills.listAll()).toEqual([]);
    expect(result.positionMismatches).toEqual([{ kind: 'outside-app', contractKey: contractKey(fx.paper.option), contract: fx.paper.option, bookQuantity: 0, brokerQuantity: 1 }]);
    expect(result.reconciled).toBe(false);
    expect(fx.governor.reconciled).toBe(false);
    expect(fx.governor.reason).toContain(`position mismatch ${contractKey(fx.paper.option)}: broker 1, ours 0`);
    expect(discrepancies(fx.events)).toEqual(['foreign-execution', 'position-mismatch']);
    expect(fx.store.journal.read({ types: ['reconciliation.finished'] })[0]?.payload).toMatchObject({ foreignExecutions: [{ executionId: execution?.executionId, firstReported: true }] });
  });

  it('when a foreign execution was reported once, then the next run (also after a restart) lists it as already reported and raises no new discrepancy for it', async () => {
    fx.stopApp();
    await fx.placeForeign();
    fx.restartApp();
    await fx.reconciled();
    fx.restartApp();
    fx.events = [];

    const second = await fx.reconciled();

    expect(second.foreignExecutions.map((foreign) => foreign.firstReported)).toEqual([false]);
    expect(discrepancies(fx.events)).toEqual(['position-mismatch']);
  });

  it('when the OMS already heard a foreign execution live, then the reconciler does not report it as new', async () => {
    await fx.placeForeign();
    expect(fx.oms.unmatchedExecutions()).toHaveLength(1);

    const result = await fx.reconciled('reconnect');

    expect(result.foreignExecutions.map((foreign) => foreign.firstReported)).toEqual([false]);
    expect(fx.oms.unmatchedExecutions()).toHaveLength(1);
  });

  it('when a position was opened outside the app, then nothing is traded to correct it and automation stays disabled on every run', async () => {
    await fx.placeForeign({ quantity: 2 });
    const ordersAtBroker = (await fx.paper.broker.openOrders()).length;

    const first = await fx.reconciled();
    const second = await fx.reconciled('retry');

    expect(first.positionMismatches).toMatchObject([{ kind: 'outside-app', brokerQuantity: 2, bookQuantity: 0 }]);
    expect(second.positionMismatches).toEqual(first.positionMismatches);
    expect(await fx.paper.broker.openOrders()).toHaveLength(ordersAtBroker);
    expect(fx.store.orders.listAll()).toEqual([]);
    expect(fx.governor.calls.filter((call) => call === 'reconciled')).toEqual([]);
  });

  it('when a foreign order is working at the broker, then it is reported but does not keep automation disabled', async () => {
    const reference = await fx.placeForeign({ limitPrice: 1.5 });

    const result = await fx.reconciled();

    expect(result.foreignOrders).toMatchObject([{ rawOrderRef: reference, state: 'SUBMITTED', description: `BUY 1 ${contractKey(fx.paper.option)} LMT DAY` }]);
    expect(result.reconciled).toBe(true);
    expect(discrepancies(fx.events)).toEqual(['foreign-order']);
  });

  it('when our fills hold a position the broker does not, then it is flagged missing-at-broker', async () => {
    await fx.submit({ limitPrice: 2.1 });
    await fx.settle();
    expect(fx.store.fills.listAll()).toHaveLength(1);
    await fx.paper.broker.placeOrder({ clientOrderRef: 'OWS-900100' as never, instrument: fx.paper.option, action: 'SELL', quantity: 1, type: 'LMT', tif: 'DAY', limitPrice: 2.0 });
    await fx.settle();

    const result = await fx.reconciled('manual');

    expect(result.positionMismatches).toMatchObject([{ kind: 'missing-at-broker', bookQuantity: 1, brokerQuantity: 0 }]);
    expect(result.reconciled).toBe(false);
  });
});

describe('Reconciler: a broker query that fails', () => {
  it.each(['openOrders', 'executions', 'positions'] as const)('when %s fails, then nothing is resolved or adopted and the governor stays unreconciled with the reason', async (query) => {
    const submitted = await fx.submit();
    await fx.settle();
    fx.stopApp();
    await fx.offerAt(1.5);
    fx.restartApp();
    fx.broker.placement = 'lost';
    const lost = await fx.submit();
    const before = fx.tradingState();
    fx.broker.failingQueries.add(query);

    const result = await fx.reconcile();

    expect(result).toMatchObject({ ok: false, trigger: 'start' });
    expect(result.ok === false && result.reason).toContain(`${query} failed: ${query}: socket closed`);
    expect(fx.tradingState()).toEqual(before);
    expect(fx.orderByRef(submitted.orders[0]!.clientOrderRef)?.status).toBe('SUBMITTED');
    expect(fx.orderByRef(lost.orders[0]!.clientOrderRef)?.status).toBe('PENDING_SUBMIT');
    expect(fx.governor.reconciled).toBe(false);
    expect(fx.governor.reason).toContain('reconciliation failed');
    expect(fx.store.journal.read({ types: ['reconciliation.finished'] }).map((entry) => entry.payload)).toMatchObject([{ ok: false }]);

    fx.broker.failingQueries.clear();
    const retried = await fx.reconciled('retry');
    expect(retried.since).toBe(0); // the failed run saved no watermark
    expect(retried.reconciled).toBe(true);
  });

  it('when a query never answers, then the run fails after the query timeout', async () => {
    let release!: () => void;
    fx.broker.hold = new Promise<void>((resolve) => (release = resolve));
    const pending = fx.reconciler.reconcile({ trigger: 'manual' });
    await Promise.resolve();
    fx.paper.elapse(60_000);

    const result = await pending;
    release();

    expect(result).toMatchObject({ ok: false });
    expect(result.ok === false && result.reason).toContain('did not answer within 60000 ms');
    expect(fx.governor.reconciled).toBe(false);
  });
});
