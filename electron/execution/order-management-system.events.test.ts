import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BrokerExecution } from '../broker/broker.ts';
import { spyOption } from '../broker/paper/testing/paper-fixture.ts';
import { restoreCombo } from '../../shared/domain/combo.ts';
import type { ClientOrderRef, ExecutionId, OrderId } from '../../shared/domain/ids.ts';
import { fromDollars } from '../../shared/domain/money.ts';
import { positionsFromFills } from '../persistence/journal/position-book.ts';
import type { SubmitOrderInput } from './oms-types.ts';
import { OmsHarness } from './testing/oms-harness.ts';
import { ScriptedBroker } from './testing/scripted-broker.ts';

const option = spyOption(560);
const buyLimit: SubmitOrderInput = { instrument: option, action: 'BUY', quantity: 2, type: 'LMT', limitPrice: 2.05, tif: 'DAY', purpose: 'entry' };
const ref = (value: string) => value as ClientOrderRef;

let harness: OmsHarness;
let broker: ScriptedBroker;
let executionNumber = 0;

beforeEach(() => {
  broker = new ScriptedBroker();
  harness = new OmsHarness({ broker });
});

afterEach(() => {
  expect(harness.handlerErrors).toEqual([]);
  harness.dispose();
});

async function working(input: SubmitOrderInput = buyLimit): Promise<{ id: OrderId; reference: ClientOrderRef }> {
  const result = await harness.oms.submit(input);
  const order = result.orders[0]!;
  broker.status(order.clientOrderRef, 'SUBMITTED');
  return { id: order.id, reference: order.clientOrderRef };
}

function execute(reference: ClientOrderRef, fields: Partial<BrokerExecution> = {}): BrokerExecution {
  executionNumber += 1;
  const execution: BrokerExecution = {
    executionId: `exec.${executionNumber}` as ExecutionId,
    clientOrderRef: reference,
    brokerOrderId: broker.brokerOrderIdOf(reference) ?? 0,
    contract: option,
    legIndex: undefined,
    action: 'BUY',
    quantity: 1,
    price: 2.05,
    time: harness.clock.now(),
    commission: undefined,
    ...fields,
  };
  broker.emit({ type: 'execution', execution });
  return execution;
}

const statusOf = (id: OrderId) => harness.oms.getOrder(id)?.status;

describe('OMS broker events: statuses', () => {
  it('when the broker reports PreSubmitted then Submitted, then the order is held then working, each once', async () => {
    const { id, reference } = await working();
    expect(statusOf(id)).toBe('SUBMITTED');
    broker.status(reference, 'PRE_SUBMITTED');
    expect(statusOf(id)).toBe('PRE_SUBMITTED');
    const before = harness.store.journal.head().sequence;
    broker.status(reference, 'PRE_SUBMITTED');
    expect(harness.store.journal.head().sequence).toBe(before);
  });

  it('when the broker reports FILLED without executions, then the order does not become FILLED', async () => {
    const { id, reference } = await working();
    broker.status(reference, 'FILLED', { filledQuantity: 2, remainingQuantity: 0, averageFillPrice: 2.05 });
    expect(harness.oms.getOrder(id)).toMatchObject({ status: 'SUBMITTED', filledQuantity: 0 });
  });

  it('when executions arrive without any status report (F7), then the fills alone fill the order', async () => {
    const result = await harness.oms.submit(buyLimit);
    const reference = result.orders[0]!.clientOrderRef;
    execute(reference);
    expect(harness.oms.getOrder(result.orders[0]!.id)).toMatchObject({ status: 'PARTIALLY_FILLED', filledQuantity: 1 });
    execute(reference);
    expect(harness.oms.getOrder(result.orders[0]!.id)).toMatchObject({ status: 'FILLED', filledQuantity: 2, averageFillPrice: 2.05 });
    expect(harness.eventsOf('order.filled')).toHaveLength(1);
    expect(harness.eventsOf('fill.recorded')).toHaveLength(2);
  });

  it('when a late SUBMITTED arrives after FILLED (F16), then it is refused, recorded and published, and the order stays FILLED', async () => {
    const { id, reference } = await working();
    execute(reference, { quantity: 2 });
    broker.status(reference, 'SUBMITTED');
    expect(statusOf(id)).toBe('FILLED');
    expect(harness.store.orderEvents.listRefused()).toEqual([expect.objectContaining({ orderId: id, event: 'ACKNOWLEDGED', error: 'illegal transition: ACKNOWLEDGED after FILLED' })]);
    expect(harness.eventsOf('order.illegal-transition')).toEqual([expect.objectContaining({ event: 'ACKNOWLEDGED', source: 'broker', error: 'illegal transition: ACKNOWLEDGED after FILLED' })]);
  });

  it('when the broker rejects, then the order is REJECTED with the broker reason and code', async () => {
    const { id, reference } = await working();
    broker.status(reference, 'REJECTED', { reason: 'insufficient buying power', code: 201 });
    expect(harness.oms.getOrder(id)).toMatchObject({ status: 'REJECTED', statusMessage: 'insufficient buying power (code 201)' });
  });

  it('when a status names a reference we never issued, then it is published as an unknown order and nothing changes', async () => {
    await working();
    broker.status(ref('OWS-999999'), 'SUBMITTED', { brokerOrderId: 100 });
    expect(harness.eventsOf('broker.unknown-order')).toEqual([expect.objectContaining({ reason: expect.stringContaining('OWS-999999') })]);
  });
});

describe('OMS broker events: executions', () => {
  it('when the same execution arrives twice, then it is recorded once', async () => {
    const { id, reference } = await working();
    const execution = execute(reference);
    broker.emit({ type: 'execution', execution });
    expect(harness.store.fills.listByOrder(id)).toHaveLength(1);
    expect(harness.eventsOf('fill.recorded')).toHaveLength(1);
  });

  it('when an execution names a reference we do not know, then it is journaled and published for the reconciler, also after a restart', async () => {
    const { id } = await working();
    execute(ref('OWS-777777'), { brokerOrderId: broker.brokerOrderIdOf(ref('OWS-000001')) });
    expect(harness.store.fills.listByOrder(id)).toEqual([]);
    expect(harness.eventsOf('execution.unknown')).toEqual([expect.objectContaining({ reason: expect.stringContaining('OWS-777777') })]);
    harness.reopen();
    expect(harness.oms.unmatchedExecutions()).toEqual([expect.objectContaining({ execution: expect.objectContaining({ clientOrderRef: 'OWS-777777' }) })]);
  });

  it('when an execution carries no reference, then it is matched by the broker order id', async () => {
    const { id, reference } = await working();
    execute(undefined as unknown as ClientOrderRef, { brokerOrderId: broker.brokerOrderIdOf(reference) });
    expect(harness.store.fills.listByOrder(id)).toHaveLength(1);
  });

  it('when an execution cannot belong to its order (wrong side), then it is kept as unmatched, not dropped', async () => {
    const { id, reference } = await working();
    execute(reference, { action: 'SELL' });
    expect(harness.store.fills.listByOrder(id)).toEqual([]);
    expect(harness.oms.unmatchedExecutions()).toEqual([expect.objectContaining({ reason: expect.stringContaining(`cannot be recorded on order ${id}`) })]);
  });

  it('when a fill arrives after the order was cancelled, then the fill counts for positions and the refused status change is published', async () => {
    const { id, reference } = await working();
    broker.status(reference, 'CANCELLED');
    execute(reference);
    expect(statusOf(id)).toBe('CANCELLED');
    expect(positionsFromFills(harness.store.fills.listAll()).get('SPY 2026-03-20 560 C')?.quantity).toBe(1);
    expect(harness.eventsOf('order.illegal-transition')).toEqual([expect.objectContaining({ source: 'execution', error: 'illegal transition: PARTIAL_FILL after CANCELLED' })]);
    expect(harness.eventsOf('fill.recorded')).toHaveLength(1);
  });

  it('when the commission arrives before its execution, then it is booked once the execution is recorded', async () => {
    const { reference } = await working();
    broker.emit({ type: 'commission', commission: { executionId: `exec.${executionNumber + 1}` as ExecutionId, commission: fromDollars(1) } });
    const execution = execute(reference);
    expect(harness.store.fills.get(execution.executionId)?.commission).toBe(fromDollars(1));
    expect(harness.eventsOf('commission.recorded')).toHaveLength(1);
  });

  it('when an execution is replayed with its commission, then only the commission is booked', async () => {
    const { reference } = await working();
    const execution = execute(reference, { commission: undefined });
    broker.emit({ type: 'execution', execution: { ...execution, commission: fromDollars(0.65) } });
    expect(harness.store.fills.get(execution.executionId)?.commission).toBe(fromDollars(0.65));
    expect(harness.eventsOf('fill.recorded')).toHaveLength(1);
  });
});

describe('OMS broker events: races', () => {
  it('when a cancel is pending and a fill arrives (F15), then the order fills and the late CANCELLED is refused', async () => {
    const { id, reference } = await working();
    await harness.oms.cancel(id);
    broker.status(reference, 'PENDING_CANCEL');
    expect(statusOf(id)).toBe('PENDING_CANCEL');
    execute(reference, { quantity: 2 });
    expect(statusOf(id)).toBe('FILLED');
    broker.status(reference, 'CANCELLED');
    expect(statusOf(id)).toBe('FILLED');
    expect(harness.store.orderEvents.listRefused()).toEqual([expect.objectContaining({ event: 'CANCEL_CONFIRMED', error: 'illegal transition: CANCEL_CONFIRMED after FILLED' })]);
  });

  it('when an execution arrives before the acknowledgement, then a later SUBMITTED keeps the order partially filled', async () => {
    const result = await harness.oms.submit(buyLimit);
    const { id, clientOrderRef } = result.orders[0]!;
    execute(clientOrderRef);
    broker.status(clientOrderRef, 'SUBMITTED', { filledQuantity: 1, remainingQuantity: 1 });
    expect(harness.oms.getOrder(id)).toMatchObject({ status: 'PARTIALLY_FILLED', filledQuantity: 1 });
  });

  it('when the broker reports a different broker id for our reference (a rolled-back id), then the change is refused', async () => {
    const { id, reference } = await working();
    broker.status(reference, 'CANCELLED', { brokerOrderId: 9 });
    expect(statusOf(id)).toBe('SUBMITTED');
    expect(harness.eventsOf('order.illegal-transition')).toEqual([expect.objectContaining({ error: expect.stringContaining('broker order id 9 differs') })]);
  });
});

describe('OMS broker events: combos', () => {
  const combo = restoreCombo({ legs: [{ contract: option, ratio: 1, action: 'BUY' }, { contract: spyOption(570), ratio: 2, action: 'SELL' }] });

  it('when legs fill one by one, then per-leg progress shows each leg and the order counts whole units', async () => {
    const { id, reference } = await working({ ...buyLimit, instrument: combo, quantity: 2, limitPrice: 0.1 });
    execute(reference, { legIndex: 0, contract: option, action: 'BUY', quantity: 2, price: 2.1 });
    execute(reference, { legIndex: 1, contract: spyOption(570), action: 'SELL', quantity: 2, price: 1.0 });
    expect(harness.oms.comboProgress(id)).toMatchObject({
      completeUnits: 1,
      balanced: false,
      legs: [
        { legIndex: 0, action: 'BUY', targetQuantity: 2, filledQuantity: 2 },
        { legIndex: 1, action: 'SELL', targetQuantity: 4, filledQuantity: 2 },
      ],
    });
    expect(harness.oms.getOrder(id)).toMatchObject({ status: 'PARTIALLY_FILLED', filledQuantity: 1 });
    execute(reference, { legIndex: 1, contract: spyOption(570), action: 'SELL', quantity: 2, price: 1.0 });
    expect(harness.oms.getOrder(id)).toMatchObject({ status: 'FILLED', filledQuantity: 2, averageFillPrice: 0.1 });
    expect(harness.oms.comboProgress(id)).toMatchObject({ balanced: true, netPricePerUnit: 0.1 });
  });

  it('when the order is not a combo, then it has no per-leg progress', async () => {
    const { id } = await working();
    expect(harness.oms.comboProgress(id)).toBeUndefined();
  });
});
