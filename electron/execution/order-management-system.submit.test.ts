import { afterEach, describe, expect, it } from 'vitest';
import type { BrokerOrderRequest } from '../broker/broker.ts';
import { BrokerRequestError } from '../broker/broker-request-error.ts';
import { spyOption } from '../broker/paper/testing/paper-fixture.ts';
import { restoreCombo } from '../../shared/domain/combo.ts';
import type { SubmitOrderInput } from './oms-types.ts';
import { AllowAllGate, DenyingGate, ScriptedGate, ThrowingGate } from './testing/gate-fakes.ts';
import { flush, OmsHarness, type OmsHarnessOptions } from './testing/oms-harness.ts';
import { ScriptedBroker } from './testing/scripted-broker.ts';

const option = spyOption(560);
const buyLimit: SubmitOrderInput = { instrument: option, action: 'BUY', quantity: 2, type: 'LMT', limitPrice: 2.05, tif: 'DAY', purpose: 'entry' };

let harness: OmsHarness;
let broker: ScriptedBroker;

function open(options: OmsHarnessOptions = {}): OmsHarness {
  broker = new ScriptedBroker();
  harness = new OmsHarness({ broker, ...options });
  return harness;
}

afterEach(() => {
  expect(harness.handlerErrors).toEqual([]);
  harness.dispose();
});

describe('OMS submit: saved before sent', () => {
  it('when an order is submitted, then it is stored with its reference and PENDING_SUBMIT before the broker is called', async () => {
    open();
    const seenAtCall: unknown[] = [];
    broker.onRequest = (_operation, request) => seenAtCall.push(harness.store.orders.getByClientOrderRef((request as BrokerOrderRequest).clientOrderRef)?.status);
    const result = await harness.oms.submit(buyLimit);
    expect(seenAtCall).toEqual(['PENDING_SUBMIT']);
    expect(result.outcome).toBe('sent');
    expect(result.orders[0]).toMatchObject({ id: 'ORD-000001', clientOrderRef: 'OWS-000001', status: 'PENDING_SUBMIT', brokerOrderId: 100 });
    expect(broker.placed).toEqual([expect.objectContaining({ clientOrderRef: 'OWS-000001', action: 'BUY', quantity: 2, type: 'LMT', limitPrice: 2.05, tif: 'DAY' })]);
  });

  it('when an order is sent, then the journal holds creation, context, SUBMIT_SENT and the broker id in that order', async () => {
    open();
    await harness.oms.submit(buyLimit);
    expect(harness.journalTypes()).toEqual(['order.created', 'oms.order-context', 'order.status', 'order.status']);
    expect(harness.store.journal.read().map((entry) => (entry.payload as { event?: { type: string }; brokerOrderId?: number }).event?.type)).toEqual([undefined, undefined, 'SUBMIT_SENT', 'SUBMIT_SENT']);
    expect(harness.eventTypes()).toEqual(['order.created', 'order.updated', 'order.updated']);
    expect(harness.oms.contextOf(harness.oms.workingOrders()[0]!.id)).toEqual({ purpose: 'entry', replacesOrderId: undefined, dryRun: false });
  });

  it('when the gate is asked, then it sees the order as a new, live intent with its reference and prices', async () => {
    const gate = new AllowAllGate();
    open({ gate });
    await harness.oms.submit({ ...buyLimit, strategyId: 'stg-7' });
    expect(gate.intents).toEqual([{ clientOrderRef: 'OWS-000001', instrument: option, action: 'BUY', quantity: 2, type: 'LMT', limitPrice: 2.05, stopPrice: undefined, strategyId: 'stg-7', kind: 'new', dryRun: false }]);
  });

  it('when the input cannot make an order, then nothing is saved or sent and the result says why', async () => {
    open();
    const result = await harness.oms.submit({ ...buyLimit, limitPrice: undefined });
    expect(result).toEqual({ outcome: 'invalid', orders: [], error: expect.stringContaining('limitPrice is required for a LMT order') });
    expect(harness.store.orders.listAll()).toEqual([]);
    expect(broker.placed).toEqual([]);
  });

  it('when the purpose is not one of entry, exit, hedge or flatten, then the submission is invalid', async () => {
    open();
    const result = await harness.oms.submit({ ...buyLimit, purpose: 'gamble' as never });
    expect(result).toMatchObject({ outcome: 'invalid', error: expect.stringContaining('purpose') });
  });
});

describe('OMS submit: denials', () => {
  it('when the gate denies, then the order is REJECTED with the reason, journaled, published, never sent', async () => {
    open({ gate: new DenyingGate({ code: 'MAX_OPEN_POSITIONS', reason: '10 positions are open (limit 10)' }) });
    const result = await harness.oms.submit(buyLimit);
    expect(result).toMatchObject({ outcome: 'denied', denial: { code: 'MAX_OPEN_POSITIONS' }, error: 'risk denied (MAX_OPEN_POSITIONS): 10 positions are open (limit 10)' });
    expect(harness.store.orders.get(result.orders[0]!.id)).toMatchObject({ status: 'REJECTED', statusMessage: 'risk denied (MAX_OPEN_POSITIONS): 10 positions are open (limit 10)' });
    expect(harness.journalTypes()).toEqual(['order.created', 'oms.order-context', 'oms.request-outcome', 'order.status']);
    expect(harness.eventsOf('order.denied')).toEqual([expect.objectContaining({ kind: 'new', denial: { code: 'MAX_OPEN_POSITIONS', reason: '10 positions are open (limit 10)' } })]);
    expect(broker.placed).toEqual([]);
    expect(harness.oms.metrics()).toMatchObject({ orders: 1, rejects: 1, denied: 1, fillRate: undefined });
  });

  it('when the gate throws, then the OMS fails closed: the order is denied and not sent', async () => {
    open({ gate: new ThrowingGate() });
    const result = await harness.oms.submit(buyLimit);
    expect(result).toMatchObject({ outcome: 'denied', error: expect.stringContaining('the pre-trade gate failed (governor state unavailable); failing closed') });
    expect(broker.placed).toEqual([]);
  });
});

describe('OMS submit: broker failures', () => {
  it('when placeOrder throws not-sent, then the order is INACTIVE with the reason and handed back for the dead-letter queue', async () => {
    open();
    broker.script('place', 'not-sent');
    const result = await harness.oms.submit(buyLimit);
    expect(result).toMatchObject({ outcome: 'not-sent', error: 'not sent: scripted: place refused before sending' });
    expect(result.orders[0]).toMatchObject({ status: 'INACTIVE', statusMessage: 'not sent: scripted: place refused before sending' });
    const deadLetter = result.outcome === 'not-sent' ? result.deadLetter : undefined;
    expect(deadLetter).toMatchObject({ orderIds: ['ORD-000001'], request: { kind: 'order', order: { clientOrderRef: 'OWS-000001' } }, error: { code: 'not-connected' } });
    expect(harness.eventsOf('order.send-failed')).toEqual([expect.objectContaining({ deadLetter })]);
    expect(harness.oms.metrics()).toMatchObject({ orders: 1, notSent: 1, rejects: 0 });
  });

  it('when placeOrder fails with an unknown outcome, then the order stays PENDING_SUBMIT, is flagged once and is never resent', async () => {
    open();
    broker.script('place', 'unknown');
    const result = await harness.oms.submit(buyLimit);
    expect(result).toMatchObject({ outcome: 'unknown', error: expect.stringContaining('never resent') });
    expect(result.orders[0]).toMatchObject({ status: 'PENDING_SUBMIT', brokerOrderId: undefined });
    expect(harness.oms.unknownOutcomes()).toEqual([expect.objectContaining({ orderId: 'ORD-000001', clientOrderRef: 'OWS-000001', operation: 'place' })]);
    expect(harness.eventsOf('order.unknown-outcome')).toHaveLength(1);
    await flush();
    harness.clock.advance(600_000);
    expect(broker.placed).toHaveLength(1);
  });

  it('when the app restarts with an unknown outcome flagged, then the flag is still there for the reconciler', async () => {
    open();
    broker.script('place', 'unknown');
    await harness.oms.submit(buyLimit);
    harness.reopen();
    expect(harness.oms.unknownOutcomes()).toEqual([expect.objectContaining({ orderId: 'ORD-000001', operation: 'place' })]);
  });

  it('when the broker later reports the unknown order, then the flag is resolved and journaled', async () => {
    open();
    broker.script('place', 'unknown');
    await harness.oms.submit(buyLimit);
    broker.status('OWS-000001' as never, 'SUBMITTED', { brokerOrderId: 555 });
    expect(harness.oms.unknownOutcomes()).toEqual([]);
    expect(harness.oms.getOrder('ORD-000001' as never)).toMatchObject({ status: 'SUBMITTED', brokerOrderId: 555 });
    expect(harness.eventsOf('order.outcome-resolved')).toEqual([{ orderId: 'ORD-000001', operation: 'place', note: 'the broker reported SUBMITTED' }]);
    harness.reopen();
    expect(harness.oms.unknownOutcomes()).toEqual([]);
  });

  it('when placeOrder never answers, then after the call deadline the outcome is unknown; a late answer still records the broker id', async () => {
    open({ brokerCallTimeoutMs: 30_000 });
    broker.script('place', 'hang');
    const pending = harness.oms.submit(buyLimit);
    await flush();
    harness.clock.advance(30_000);
    const result = await pending;
    expect(result).toMatchObject({ outcome: 'unknown', error: expect.stringContaining('did not answer within 30000 ms') });
    broker.resolveHung();
    await flush();
    expect(harness.oms.getOrder(result.orders[0]!.id)).toMatchObject({ status: 'PENDING_SUBMIT', brokerOrderId: 100 });
    expect(harness.oms.unknownOutcomes()).toEqual([]);
  });

  it('when a hung placeOrder later fails as not sent, then the order becomes INACTIVE and is offered to the dead-letter queue', async () => {
    open();
    broker.script('place', 'hang');
    const pending = harness.oms.submit(buyLimit);
    await flush();
    harness.clock.advance(30_000);
    await pending;
    broker.failHung(new BrokerRequestError('not-connected', 'socket closed before writing', 'not-sent'));
    await flush();
    expect(harness.oms.getOrder('ORD-000001' as never)).toMatchObject({ status: 'INACTIVE', statusMessage: 'not sent: socket closed before writing' });
    expect(harness.eventsOf('order.send-failed')).toHaveLength(1);
    expect(harness.oms.unknownOutcomes()).toEqual([]);
  });
});

describe('OMS submit: ids', () => {
  it('when the store is reopened, then new orders get ids and references never used before', async () => {
    open();
    await harness.oms.submit(buyLimit);
    await harness.oms.submit(buyLimit);
    harness.reopen();
    const after = await harness.oms.submit(buyLimit);
    expect(after.orders[0]).toMatchObject({ id: 'ORD-000003', clientOrderRef: 'OWS-000003' });
    const ids = harness.store.orders.listAll().map((order) => order.id);
    expect(new Set(ids).size).toBe(3);
  });

  it('when an invalid submission consumed a reference, then the next order skips it rather than reuse it', async () => {
    open();
    await harness.oms.submit({ ...buyLimit, limitPrice: undefined });
    const result = await harness.oms.submit(buyLimit);
    expect(result.orders[0]).toMatchObject({ id: 'ORD-000002', clientOrderRef: 'OWS-000002' });
  });
});

describe('OMS submit: brackets', () => {
  const bracket = {
    parent: buyLimit,
    takeProfit: { ...buyLimit, action: 'SELL', limitPrice: 3.0, purpose: 'exit' },
    stopLoss: { ...buyLimit, action: 'SELL', type: 'STP', limitPrice: undefined, stopPrice: 1.5, purpose: 'exit' },
  } as const;

  it('when a bracket is submitted, then three linked orders are saved and sent in one call, the children sharing an OCA group', async () => {
    open();
    const result = await harness.oms.submitBracket({ ...bracket, takeProfit: { ...bracket.takeProfit, ocaGroup: 'oca-1' }, stopLoss: { ...bracket.stopLoss, ocaGroup: 'oca-1' } });
    expect(result.outcome).toBe('sent');
    const [parent, takeProfit, stopLoss] = result.orders;
    expect(takeProfit).toMatchObject({ parentId: parent!.id, ocaGroup: 'oca-1', brokerOrderId: 101 });
    expect(stopLoss).toMatchObject({ parentId: parent!.id, ocaGroup: 'oca-1', type: 'STP', stopPrice: 1.5, brokerOrderId: 102 });
    expect(broker.brackets).toHaveLength(1);
    expect(broker.placed).toHaveLength(0);
    expect(harness.oms.contextOf(takeProfit!.id)?.purpose).toBe('exit');
  });

  it('when the gate denies a child, then the whole bracket is rejected and nothing is sent', async () => {
    const gate = new ScriptedGate().deny((intent) => intent.type === 'STP', { code: 'PRICE_COLLAR', reason: 'stop 1.50 is outside the collar' });
    open({ gate });
    const result = await harness.oms.submitBracket(bracket);
    expect(result.outcome).toBe('denied');
    expect(result.orders.map((order) => order.status)).toEqual(['REJECTED', 'REJECTED', 'REJECTED']);
    expect(result.orders[0]?.statusMessage).toBe(`not sent: ${result.orders[2]!.id} of the same bracket was risk denied (PRICE_COLLAR): stop 1.50 is outside the collar`);
    expect(broker.brackets).toEqual([]);
  });

  it('when the parent is denied, then the children are not even asked about (they are not counted by the gate)', async () => {
    const gate = new ScriptedGate().deny((intent) => intent.action === 'BUY', { code: 'TRADING_HALTED', reason: 'halted' });
    open({ gate });
    await harness.oms.submitBracket(bracket);
    expect(gate.intents).toHaveLength(1);
  });

  it('when a combo order is submitted, then it is one order with one reference for all its legs', async () => {
    open();
    const combo = restoreCombo({ legs: [{ contract: option, ratio: 1, action: 'BUY' }, { contract: spyOption(570), ratio: 1, action: 'SELL' }] });
    const result = await harness.oms.submit({ ...buyLimit, instrument: combo, limitPrice: -0.5 });
    expect(result.outcome).toBe('sent');
    expect(broker.placed).toEqual([expect.objectContaining({ instrument: combo, limitPrice: -0.5 })]);
  });
});

describe('OMS views behind another gate (withGate)', () => {
  it('when a view with another gate submits, then its gate decides and the order, its unknown outcome and its cancel live in the one order book', async () => {
    open({ gate: new DenyingGate() });
    const flatten = harness.oms.withGate(new AllowAllGate());
    expect((await harness.oms.submit(buyLimit)).outcome).toBe('denied');
    broker.script('place', 'unknown');
    const result = await flatten.submit({ ...buyLimit, purpose: 'flatten' });
    expect(result.outcome).toBe('unknown');
    const order = result.orders[0]!;
    expect(harness.oms.unknownOutcomes()).toEqual([expect.objectContaining({ orderId: order.id, operation: 'place' })]);
    expect(harness.oms.getOrder(order.id)?.status).toBe('PENDING_SUBMIT');
    broker.status(order.clientOrderRef, 'SUBMITTED');
    expect(flatten.getOrder(order.id)?.status).toBe('SUBMITTED');
    await flatten.cancel(order.id);
    expect(await harness.oms.cancel(order.id)).toMatchObject({ outcome: 'already-requested' });
    expect(broker.cancels).toEqual([order.clientOrderRef]);
  });
});
