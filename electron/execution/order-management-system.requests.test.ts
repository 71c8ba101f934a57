import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spyOption } from '../broker/paper/testing/paper-fixture.ts';
import type { ClientOrderRef, OrderId } from '../../shared/domain/ids.ts';
import type { SubmitOrderInput } from './oms-types.ts';
import { ScriptedGate } from './testing/gate-fakes.ts';
import { OmsHarness } from './testing/oms-harness.ts';
import { ScriptedBroker } from './testing/scripted-broker.ts';

const option = spyOption(560);
const buyLimit: SubmitOrderInput = { instrument: option, action: 'BUY', quantity: 2, type: 'LMT', limitPrice: 2.05, tif: 'DAY', purpose: 'entry' };

let harness: OmsHarness;
let broker: ScriptedBroker;
let gate: ScriptedGate;

beforeEach(() => {
  broker = new ScriptedBroker();
  gate = new ScriptedGate();
  harness = new OmsHarness({ broker, gate });
});

afterEach(() => {
  expect(harness.handlerErrors).toEqual([]);
  harness.dispose();
});

async function working(input: SubmitOrderInput = buyLimit): Promise<{ id: OrderId; reference: ClientOrderRef }> {
  const order = (await harness.oms.submit(input)).orders[0]!;
  broker.status(order.clientOrderRef, 'SUBMITTED');
  return { id: order.id, reference: order.clientOrderRef };
}

const statusOf = (id: OrderId) => harness.oms.getOrder(id)?.status;

describe('OMS cancel', () => {
  it('when a working order is cancelled, then PENDING_CANCEL is saved before the broker cancel and CANCELLED follows the broker', async () => {
    const { id, reference } = await working();
    const seen: unknown[] = [];
    broker.onRequest = () => seen.push(statusOf(id));
    expect(await harness.oms.cancel(id)).toMatchObject({ outcome: 'sent', order: { status: 'PENDING_CANCEL' } });
    expect(seen).toEqual(['PENDING_CANCEL']);
    expect(broker.cancels).toEqual([reference]);
    broker.status(reference, 'CANCELLED', { reason: 'Order Canceled - reason:', code: 202 });
    expect(harness.oms.getOrder(id)).toMatchObject({ status: 'CANCELLED', statusMessage: 'Order Canceled - reason: (code 202)' });
  });

  it('when the cancel certainly was not sent, then the order returns to its working status', async () => {
    const { id } = await working();
    broker.script('cancel', 'not-sent');
    expect(await harness.oms.cancel(id)).toMatchObject({ outcome: 'not-sent', order: { status: 'SUBMITTED' }, error: 'cancel not sent: scripted: cancel refused before sending' });
  });

  it('when the cancel outcome is unknown, then the order stays PENDING_CANCEL and is flagged', async () => {
    const { id } = await working();
    broker.script('cancel', 'unknown');
    expect(await harness.oms.cancel(id)).toMatchObject({ outcome: 'unknown', order: { status: 'PENDING_CANCEL' } });
    expect(harness.oms.unknownOutcomes()).toEqual([expect.objectContaining({ orderId: id, operation: 'cancel' })]);
  });

  it('when a cancel is already pending, then a second cancel sends nothing', async () => {
    const { id } = await working();
    await harness.oms.cancel(id);
    expect(await harness.oms.cancel(id)).toMatchObject({ outcome: 'already-requested' });
    expect(broker.cancels).toHaveLength(1);
  });

  it('when a cancel was saved but the app died before sending it, then after a restart a new cancel is sent once', async () => {
    const { id, reference } = await working();
    // The OMS saves PENDING_CANCEL before calling the broker; the process died in between.
    harness.store.recordOrderStatus(id, { type: 'CANCEL_REQUESTED' });
    const restarted = harness.reopen();
    expect(restarted.getOrder(id)?.status).toBe('PENDING_CANCEL');
    expect(await restarted.cancel(id)).toMatchObject({ outcome: 'sent', order: { status: 'PENDING_CANCEL' } });
    expect(await restarted.cancel(id)).toMatchObject({ outcome: 'already-requested' });
    expect(broker.cancels).toEqual([reference]);
  });

  it('when the order is already final, then cancel is refused and nothing is sent', async () => {
    const { id, reference } = await working();
    broker.status(reference, 'CANCELLED');
    expect(await harness.oms.cancel(id)).toEqual({ outcome: 'invalid', order: expect.objectContaining({ id }), error: `order '${id}' is CANCELLED; there is nothing to cancel` });
    expect(await harness.oms.cancel('ORD-424242' as OrderId)).toMatchObject({ outcome: 'invalid', error: "order 'ORD-424242' is not in the order book" });
  });

  it('when every order is cancelled one by one, then each gets its own broker cancel', async () => {
    const first = await working();
    const second = await working();
    const result = await harness.oms.cancelAll();
    expect(result).toEqual({ requested: [first.id, second.id], failed: [] });
    expect(broker.cancels).toEqual([first.reference, second.reference]);
  });

  it('when every order is cancelled through the broker cancel-all, then all are PENDING_CANCEL and one message is sent', async () => {
    const first = await working();
    const second = await working();
    const result = await harness.oms.cancelAll({ viaBrokerCancelAll: true });
    expect(result).toEqual({ requested: [first.id, second.id], failed: [] });
    expect(broker.cancelAlls).toBe(1);
    expect(broker.cancels).toEqual([]);
    expect([statusOf(first.id), statusOf(second.id)]).toEqual(['PENDING_CANCEL', 'PENDING_CANCEL']);
  });

  it('when the broker cancel-all is not sent, then every order returns to working and the failures are listed', async () => {
    const first = await working();
    broker.script('cancel-all', 'not-sent');
    const result = await harness.oms.cancelAll({ viaBrokerCancelAll: true });
    expect(result.failed).toEqual([expect.objectContaining({ orderId: first.id, outcome: 'not-sent' })]);
    expect(statusOf(first.id)).toBe('SUBMITTED');
  });

  it('when cancelAll has a filter, then only the kept orders are cancelled', async () => {
    const first = await working();
    await working({ ...buyLimit, strategyId: 'stg-2' });
    const result = await harness.oms.cancelAll({ filter: (order) => order.strategyId === undefined });
    expect(result.requested).toEqual([first.id]);
  });
});

describe('OMS modify', () => {
  it('when a working order is modified, then the gate sees a modify, the change is journaled, sent and the terms follow it', async () => {
    const { id, reference } = await working();
    const result = await harness.oms.modify(id, { limitPrice: 2.1 });
    expect(result).toMatchObject({ outcome: 'sent' });
    expect(gate.intents.at(-1)).toMatchObject({ kind: 'modify', limitPrice: 2.1, quantity: 2, clientOrderRef: reference });
    expect(broker.modifies).toEqual([{ clientOrderRef: reference, changes: { limitPrice: 2.1 } }]);
    expect(harness.oms.termsOf(id)).toMatchObject({ limitPrice: 2.1, quantity: 2 });
    expect(harness.eventsOf('order.modified')).toEqual([expect.objectContaining({ changes: { limitPrice: 2.1 }, terms: expect.objectContaining({ limitPrice: 2.1 }) })]);
    harness.reopen();
    expect(harness.oms.termsOf(id)).toMatchObject({ limitPrice: 2.1 });
  });

  it('when the gate denies a modify, then the order keeps its terms and status and nothing is sent', async () => {
    const { id } = await working();
    gate.deny((intent) => intent.kind === 'modify', { code: 'PRICE_COLLAR', reason: 'limit 9.00 is outside the collar' });
    const result = await harness.oms.modify(id, { limitPrice: 9 });
    expect(result).toMatchObject({ outcome: 'denied', order: { status: 'SUBMITTED' }, error: 'risk denied (PRICE_COLLAR): limit 9.00 is outside the collar' });
    expect(harness.oms.termsOf(id)?.limitPrice).toBe(2.05);
    expect(harness.eventsOf('order.denied')).toEqual([expect.objectContaining({ kind: 'modify' })]);
    expect(broker.modifies).toEqual([]);
  });

  it('when a modify is not sent, then the terms stay as they were, also after a restart', async () => {
    const { id } = await working();
    broker.script('modify', 'not-sent');
    expect(await harness.oms.modify(id, { limitPrice: 2.1 })).toMatchObject({ outcome: 'not-sent' });
    expect(harness.oms.termsOf(id)?.limitPrice).toBe(2.05);
    harness.reopen();
    expect(harness.oms.termsOf(id)?.limitPrice).toBe(2.05);
  });

  it('when a modify outcome is unknown, then it is flagged for the reconciler', async () => {
    const { id } = await working();
    broker.script('modify', 'unknown');
    expect(await harness.oms.modify(id, { limitPrice: 2.1 })).toMatchObject({ outcome: 'unknown' });
    expect(harness.oms.unknownOutcomes()).toEqual([expect.objectContaining({ orderId: id, operation: 'modify' })]);
  });

  it('when nothing, a quantity that is not a positive integer, or an invalid price is asked for, then the modify is refused before the gate', async () => {
    const { id } = await working();
    const asked = gate.intents.length;
    expect(await harness.oms.modify(id, { quantity: 0 })).toMatchObject({ outcome: 'invalid', error: 'quantity must be a positive integer, got 0' });
    expect(await harness.oms.modify(id, { quantity: 2.5 })).toMatchObject({ outcome: 'invalid', error: expect.stringContaining('quantity') });
    expect(await harness.oms.modify(id, {})).toMatchObject({ outcome: 'invalid', error: expect.stringContaining('no changes') });
    expect(await harness.oms.modify(id, { stopPrice: 1 })).toMatchObject({ outcome: 'invalid', error: expect.stringContaining('stopPrice must be absent for a LMT order') });
    expect(gate.intents.length).toBe(asked);
  });

  it('when the order has a pending cancel or is final, then it cannot be modified', async () => {
    const { id } = await working();
    await harness.oms.cancel(id);
    expect(await harness.oms.modify(id, { limitPrice: 2.1 })).toMatchObject({ outcome: 'invalid', error: expect.stringContaining('PENDING_CANCEL') });
  });
});
