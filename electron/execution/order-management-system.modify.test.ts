import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BrokerExecution } from '../broker/broker.ts';
import { spyOption } from '../broker/paper/testing/paper-fixture.ts';
import type { ClientOrderRef, ExecutionId, OrderId } from '../../shared/domain/ids.ts';
import { replayTradingState } from '../persistence/journal/state-replay.ts';
import type { SubmitOrderInput } from './oms-types.ts';
import { AllowAllGate } from './testing/gate-fakes.ts';
import { flush, OmsHarness } from './testing/oms-harness.ts';
import { ScriptedBroker } from './testing/scripted-broker.ts';

const option = spyOption(560);
const buyLimit: SubmitOrderInput = { instrument: option, action: 'BUY', quantity: 2, type: 'LMT', limitPrice: 2.05, tif: 'DAY', purpose: 'entry' };

let harness: OmsHarness;
let broker: ScriptedBroker;
let gate: AllowAllGate;
let executionNumber = 0;

beforeEach(() => {
  broker = new ScriptedBroker();
  gate = new AllowAllGate();
  harness = new OmsHarness({ broker, gate, brokerCallTimeoutMs: 1_000 });
});

afterEach(() => {
  expect(harness.handlerErrors).toEqual([]);
  expect(harness.eventsOf('oms.error')).toEqual([]);
  harness.dispose();
});

async function working(input: SubmitOrderInput = buyLimit): Promise<{ id: OrderId; reference: ClientOrderRef }> {
  const order = (await harness.oms.submit(input)).orders[0]!;
  broker.status(order.clientOrderRef, 'SUBMITTED');
  return { id: order.id, reference: order.clientOrderRef };
}

function execute(reference: ClientOrderRef, quantity: number, price = 2.05): void {
  executionNumber += 1;
  const execution: BrokerExecution = {
    executionId: `exec.modify.${executionNumber}` as ExecutionId,
    clientOrderRef: reference,
    brokerOrderId: broker.brokerOrderIdOf(reference) ?? 0,
    contract: option,
    legIndex: undefined,
    action: 'BUY',
    quantity,
    price,
    time: harness.clock.now(),
    commission: undefined,
  };
  broker.emit({ type: 'execution', execution });
}

const bookOrder = (id: OrderId) => harness.oms.getOrder(id);

describe('OMS modify: the book of record follows the broker', () => {
  it('when the broker confirms a modify with its next status, then the order row holds the new limit, also after a restart', async () => {
    const { id, reference } = await working();
    expect(await harness.oms.modify(id, { limitPrice: 2.1 })).toMatchObject({ outcome: 'sent', order: { limitPrice: 2.05 } });
    expect(bookOrder(id)?.limitPrice).toBe(2.05);
    expect(harness.oms.termsOf(id)?.limitPrice).toBe(2.1);
    const [pending] = harness.oms.pendingModifications(id);
    expect(pending).toMatchObject({ orderId: id, changes: { limitPrice: 2.1 } });
    broker.status(reference, 'SUBMITTED');
    expect(bookOrder(id)).toMatchObject({ limitPrice: 2.1, status: 'SUBMITTED' });
    expect(harness.oms.pendingModifications()).toEqual([]);
    expect(harness.eventsOf('order.amended')).toEqual([expect.objectContaining({ order: expect.objectContaining({ limitPrice: 2.1 }), previous: expect.objectContaining({ limitPrice: 2.05 }), changes: { limitPrice: 2.1 }, modificationSequence: pending?.sequence })]);
    expect(harness.store.journal.read({ types: ['order.amended'] })).toEqual([expect.objectContaining({ payload: expect.objectContaining({ requestSequence: pending?.sequence }) })]);
    harness.reopen();
    expect(harness.oms.getOrder(id)?.limitPrice).toBe(2.1);
    expect(harness.oms.pendingModifications()).toEqual([]);
  });

  it('when a modify is confirmed and the order fills, then later events carry the new terms and the journal replays to the same book', async () => {
    const { id, reference } = await working();
    await harness.oms.modify(id, { limitPrice: 2.1 });
    broker.status(reference, 'SUBMITTED');
    execute(reference, 2, 2.1);
    expect(harness.eventsOf('order.filled')).toEqual([{ order: expect.objectContaining({ id, limitPrice: 2.1, averageFillPrice: 2.1 }) }]);
    const replayed = replayTradingState(harness.store.journal);
    expect(replayed.problems).toEqual([]);
    expect(replayed.orders.get(id)).toEqual(bookOrder(id));
  });

  it('when the broker refuses a modify with a notice, then the book and the terms keep the old limit and a later status confirms nothing', async () => {
    const { id, reference } = await working();
    await harness.oms.modify(id, { limitPrice: 2.13 });
    broker.emit({ type: 'notice', code: 110, message: 'The price does not conform to the minimum price variation for this contract.', clientOrderRef: reference });
    expect(harness.eventsOf('order.modify-dropped')).toEqual([expect.objectContaining({ outcome: 'refused', code: 110, changes: { limitPrice: 2.13 }, reason: expect.stringContaining('minimum price variation') })]);
    broker.status(reference, 'SUBMITTED');
    expect(bookOrder(id)?.limitPrice).toBe(2.05);
    expect(harness.oms.termsOf(id)?.limitPrice).toBe(2.05);
    expect(harness.eventsOf('order.amended')).toEqual([]);
    harness.reopen();
    expect(harness.oms.termsOf(id)?.limitPrice).toBe(2.05);
  });

  it('when only a warning notice arrives, then the modify still awaits the broker and its status confirms it', async () => {
    const { id, reference } = await working();
    await harness.oms.modify(id, { limitPrice: 2.1 });
    broker.emit({ type: 'notice', code: 399, message: 'Order Message: Warning: your order will not be placed at the exchange until 09:30', clientOrderRef: reference });
    expect(harness.oms.pendingModifications(id)).toHaveLength(1);
    broker.status(reference, 'PRE_SUBMITTED');
    expect(bookOrder(id)).toMatchObject({ limitPrice: 2.1, status: 'PRE_SUBMITTED' });
  });

  it('when the order is cancelled before the broker confirms, then the modify is dropped and the order keeps its terms', async () => {
    const { id, reference } = await working();
    await harness.oms.modify(id, { limitPrice: 2.1 });
    broker.status(reference, 'CANCELLED');
    expect(bookOrder(id)).toMatchObject({ status: 'CANCELLED', limitPrice: 2.05 });
    expect(harness.eventsOf('order.modify-dropped')).toEqual([expect.objectContaining({ outcome: 'dropped', reason: expect.stringContaining('CANCELLED') })]);
  });

  it('when the order fills completely before the broker confirms, then the modify is dropped', async () => {
    const { id, reference } = await working();
    await harness.oms.modify(id, { limitPrice: 2.1 });
    execute(reference, 2);
    expect(bookOrder(id)).toMatchObject({ status: 'FILLED', limitPrice: 2.05 });
    expect(harness.oms.pendingModifications()).toEqual([]);
    broker.status(reference, 'FILLED', { filledQuantity: 2 });
    expect(harness.eventsOf('order.modify-dropped')).toHaveLength(1);
  });

  it('when the order fills while the modify call is out, then the modify is dropped as soon as the broker takes it', async () => {
    const { id, reference } = await working();
    broker.script('modify', 'hang');
    const pending = harness.oms.modify(id, { limitPrice: 2.1 });
    await flush();
    execute(reference, 2);
    broker.resolveHung();
    expect(await pending).toMatchObject({ outcome: 'sent', order: { status: 'FILLED' } });
    expect(harness.oms.pendingModifications()).toEqual([]);
    expect(harness.eventsOf('order.modify-dropped')).toEqual([expect.objectContaining({ outcome: 'dropped', reason: expect.stringContaining('FILLED') })]);
    harness.reopen();
    expect(harness.oms.pendingModifications()).toEqual([]);
  });

  it('when a modify is awaiting confirmation at a restart, then the first status after the restart confirms it', async () => {
    const { id, reference } = await working();
    await harness.oms.modify(id, { limitPrice: 2.1 });
    harness.reopen();
    expect(harness.oms.pendingModifications(id)).toHaveLength(1);
    broker.status(reference, 'SUBMITTED');
    expect(harness.oms.getOrder(id)?.limitPrice).toBe(2.1);
  });

  it('when a modify times out and the broker answers late, then it awaits confirmation and the next status confirms it', async () => {
    const { id, reference } = await working();
    broker.script('modify', 'hang');
    const pending = harness.oms.modify(id, { limitPrice: 2.1 });
    await flush();
    harness.clock.advance(1_000);
    expect(await pending).toMatchObject({ outcome: 'unknown' });
    broker.status(reference, 'SUBMITTED');
    expect(bookOrder(id)?.limitPrice).toBe(2.05);
    broker.resolveHung();
    await flush();
    expect(harness.oms.unknownOutcomes()).toEqual([]);
    broker.status(reference, 'SUBMITTED');
    expect(bookOrder(id)?.limitPrice).toBe(2.1);
  });
});

describe('OMS modify: quantity', () => {
  it('when the quantity is increased, then the gate sees the new total and, once confirmed, fills complete the order at the new quantity', async () => {
    const { id, reference } = await working();
    expect(await harness.oms.modify(id, { quantity: 3 })).toMatchObject({ outcome: 'sent' });
    expect(gate.intents.at(-1)).toMatchObject({ kind: 'modify', quantity: 3, limitPrice: 2.05 });
    expect(broker.modifies.at(-1)).toEqual({ clientOrderRef: reference, changes: { quantity: 3 } });
    broker.status(reference, 'SUBMITTED', { filledQuantity: 0, remainingQuantity: 2 });
    expect(bookOrder(id)?.quantity).toBe(2);
    broker.status(reference, 'SUBMITTED', { filledQuantity: 0, remainingQuantity: 3 });
    expect(bookOrder(id)?.quantity).toBe(3);
    execute(reference, 2);
    expect(bookOrder(id)).toMatchObject({ status: 'PARTIALLY_FILLED', filledQuantity: 2 });
    execute(reference, 1);
    expect(bookOrder(id)).toMatchObject({ status: 'FILLED', filledQuantity: 3, quantity: 3 });
  });

  it('when part has filled, then the quantity may be reduced to just above the filled quantity but not to it', async () => {
    const { id, reference } = await working({ ...buyLimit, quantity: 4 });
    execute(reference, 2);
    expect(await harness.oms.modify(id, { quantity: 2 })).toMatchObject({ outcome: 'invalid', error: expect.stringContaining('must be above the 2 already filled') });
    expect(await harness.oms.modify(id, { quantity: 3 })).toMatchObject({ outcome: 'sent' });
    broker.status(reference, 'SUBMITTED', { filledQuantity: 2, remainingQuantity: 1 });
    expect(bookOrder(id)).toMatchObject({ quantity: 3, filledQuantity: 2, status: 'PARTIALLY_FILLED' });
    execute(reference, 1);
    expect(bookOrder(id)).toMatchObject({ status: 'FILLED', filledQuantity: 3 });
  });

  it('when fills pass a reduced quantity before the broker confirms, then the modify is dropped as no longer fitting', async () => {
    const { id, reference } = await working({ ...buyLimit, quantity: 4 });
    await harness.oms.modify(id, { quantity: 2 });
    execute(reference, 3);
    broker.status(reference, 'SUBMITTED');
    expect(bookOrder(id)).toMatchObject({ quantity: 4, filledQuantity: 3 });
    expect(harness.eventsOf('order.modify-dropped')).toEqual([expect.objectContaining({ outcome: 'dropped', reason: expect.stringContaining('no longer fits') })]);
  });
});
