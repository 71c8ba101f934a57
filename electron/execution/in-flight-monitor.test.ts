import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spyOption } from '../broker/paper/testing/paper-fixture.ts';
import type { ExecutionId, OrderId } from '../../shared/domain/ids.ts';
import type { Order } from '../../shared/domain/order.ts';
import { InFlightMonitor, type InFlightMonitorOptions } from './in-flight-monitor.ts';
import type { SubmitOrderInput } from './oms-types.ts';
import { flush, OmsHarness } from './testing/oms-harness.ts';
import { ScriptedBroker } from './testing/scripted-broker.ts';

const option = spyOption(560);
const buyLimit: SubmitOrderInput = { instrument: option, action: 'BUY', quantity: 2, type: 'LMT', limitPrice: 2.05, tif: 'DAY', purpose: 'entry' };

let harness: OmsHarness;
let broker: ScriptedBroker;
let monitor: InFlightMonitor | undefined;

beforeEach(() => {
  broker = new ScriptedBroker();
  harness = new OmsHarness({ broker });
});

afterEach(() => {
  monitor?.dispose();
  monitor = undefined;
  expect(harness.handlerErrors).toEqual([]);
  expect(harness.eventsOf('oms.error')).toEqual([]);
  harness.dispose();
});

function startMonitor(options: InFlightMonitorOptions = {}): InFlightMonitor {
  monitor = new InFlightMonitor(harness.oms, broker, options);
  monitor.start();
  return monitor;
}

/** Advances the clock one second at a time, letting the lookups' promises settle in between. */
async function elapse(ms: number): Promise<void> {
  for (let elapsed = 0; elapsed < ms; elapsed += 1_000) {
    harness.clock.advance(Math.min(1_000, ms - elapsed));
    await flush();
  }
}

async function sent(input: SubmitOrderInput = buyLimit): Promise<Order> {
  return (await harness.oms.submit(input)).orders[0]!;
}

const statusOf = (id: OrderId) => harness.oms.getOrder(id)?.status;

describe('in-flight monitor: an order with no answer is looked up', () => {
  it('when the broker answers with a status within 5 s, then no lookup is made', async () => {
    startMonitor();
    const order = await sent();
    await elapse(2_000);
    broker.status(order.clientOrderRef, 'SUBMITTED');
    await elapse(10_000);
    expect(broker.openOrderQueries).toBe(0);
    expect(harness.eventsOf('order.in-flight-stale')).toEqual([]);
  });

  it('when no status came within 5 s and the broker works the order, then the lookup applies its status and nothing is resent', async () => {
    startMonitor();
    const order = await sent();
    broker.openOrder(order.clientOrderRef, 'SUBMITTED');
    await elapse(4_000);
    expect(broker.openOrderQueries).toBe(0);
    await elapse(1_000);
    expect(broker.openOrderQueries).toBe(1);
    expect(broker.executionQueries).toEqual([order.createdAt]);
    expect(statusOf(order.id)).toBe('SUBMITTED');
    expect(harness.eventsOf('order.in-flight-resolved')).toEqual([expect.objectContaining({ order: expect.objectContaining({ id: order.id }), lookups: 1, via: 'lookup' })]);
    expect(harness.eventsOf('order.in-flight-stale')).toEqual([]);
    expect(harness.eventsOf('order.updated').at(-1)).toMatchObject({ event: 'ACKNOWLEDGED', source: 'broker' });
    await elapse(60_000);
    expect(broker.openOrderQueries).toBe(1);
    expect(broker.placed).toHaveLength(1);
  });

  it('when the order filled at the broker without any status (F6), then its executions are recorded and the order is FILLED', async () => {
    startMonitor();
    const order = await sent();
    broker.reportExecution({ executionId: 'exec.f6' as ExecutionId, clientOrderRef: order.clientOrderRef, contract: option, legIndex: undefined, action: 'BUY', quantity: 2, price: 2.05, time: harness.clock.now() + 100, commission: undefined });
    await elapse(5_000);
    expect(harness.oms.getOrder(order.id)).toMatchObject({ status: 'FILLED', filledQuantity: 2, averageFillPrice: 2.05 });
    expect(harness.eventsOf('fill.recorded')).toHaveLength(1);
    expect(harness.eventsOf('order.in-flight-resolved')).toEqual([expect.objectContaining({ via: 'lookup' })]);
    await elapse(5_000);
    expect(harness.store.fills.listByOrder(order.id)).toHaveLength(1);
  });

  it('when a placement whose outcome was unknown is found at the broker, then the lookup settles the unknown outcome', async () => {
    broker.script('place', 'unknown');
    startMonitor();
    const order = await sent();
    expect(harness.oms.unknownOutcomes()).toEqual([expect.objectContaining({ orderId: order.id, operation: 'place' })]);
    broker.openOrder(order.clientOrderRef, 'PRE_SUBMITTED');
    await elapse(5_000);
    expect(statusOf(order.id)).toBe('PRE_SUBMITTED');
    expect(harness.oms.unknownOutcomes()).toEqual([]);
    expect(broker.placed).toHaveLength(1);
  });

  it('when several orders are due together, then one lookup serves them all', async () => {
    startMonitor();
    const result = await harness.oms.submitBracket({ parent: buyLimit, takeProfit: { ...buyLimit, action: 'SELL', limitPrice: 2.5 }, stopLoss: { ...buyLimit, action: 'SELL', type: 'STP', limitPrice: undefined, stopPrice: 1.5 } });
    for (const order of result.orders) broker.openOrder(order.clientOrderRef, order.parentId === undefined ? 'SUBMITTED' : 'PRE_SUBMITTED');
    await elapse(5_000);
    expect(broker.openOrderQueries).toBe(1);
    expect(result.orders.map((order) => statusOf(order.id))).toEqual(['SUBMITTED', 'PRE_SUBMITTED', 'PRE_SUBMITTED']);
  });
});

describe('in-flight monitor: an order the lookup does not settle', () => {
  it('when the broker does not show the order, then it is stale and looked up every 30 s until the limit, never resent', async () => {
    startMonitor({ maxLookups: 3 });
    const order = await sent();
    await elapse(5_000);
    expect(harness.eventsOf('order.in-flight-stale')).toEqual([
      { order: expect.objectContaining({ id: order.id, status: 'PENDING_SUBMIT' }), sentAt: order.createdAt, ageMs: 5_000, lookups: 1, brokerState: undefined, error: undefined, gaveUp: false },
    ]);
    await elapse(29_000);
    expect(broker.openOrderQueries).toBe(1);
    await elapse(1_000);
    expect(broker.openOrderQueries).toBe(2);
    await elapse(30_000);
    expect(harness.eventsOf('order.in-flight-stale').map((event) => [event.lookups, event.gaveUp])).toEqual([[1, false], [2, false], [3, true]]);
    await elapse(120_000);
    expect(broker.openOrderQueries).toBe(3);
    expect(broker.placed).toHaveLength(1);
    expect(statusOf(order.id)).toBe('PENDING_SUBMIT');
  });

  it('when the broker shows the order still PendingSubmit, then its broker id is recorded and it is stale in that state', async () => {
    startMonitor();
    const order = await sent();
    broker.openOrder(order.clientOrderRef, 'PENDING_SUBMIT', { brokerOrderId: 4242 });
    await elapse(5_000);
    expect(harness.oms.getOrder(order.id)).toMatchObject({ status: 'PENDING_SUBMIT' });
    expect(harness.eventsOf('order.in-flight-stale')).toEqual([expect.objectContaining({ brokerState: 'PENDING_SUBMIT', lookups: 1 })]);
  });

  it('when the lookup itself fails, then the stale event says why and the next lookup comes on the slower cadence', async () => {
    broker.script('open-orders', 'not-sent');
    startMonitor();
    const order = await sent();
    await elapse(5_000);
    expect(harness.eventsOf('order.in-flight-stale')).toEqual([expect.objectContaining({ error: 'the open orders lookup failed: scripted: open-orders refused before sending', brokerState: undefined })]);
    broker.openOrder(order.clientOrderRef, 'SUBMITTED');
    await elapse(30_000);
    expect(statusOf(order.id)).toBe('SUBMITTED');
  });

  it('when a broker report settles an order after it was stale, then a resolved event follows and the lookups stop', async () => {
    startMonitor();
    const order = await sent();
    await elapse(5_000);
    broker.status(order.clientOrderRef, 'SUBMITTED');
    await elapse(1_000);
    expect(harness.eventsOf('order.in-flight-resolved')).toEqual([expect.objectContaining({ lookups: 1, via: 'broker-report' })]);
    await elapse(60_000);
    expect(broker.openOrderQueries).toBe(1);
  });

  it('when the app restarts with an order in flight, then the new monitor looks it up from the time it was sent', async () => {
    const order = await sent();
    await elapse(10_000);
    harness.reopen();
    startMonitor();
    await elapse(1_000);
    expect(harness.eventsOf('order.in-flight-stale')).toEqual([expect.objectContaining({ ageMs: 11_000, lookups: 1 })]);
    expect(broker.executionQueries).toEqual([order.createdAt]);
  });

  it('when the monitor is disposed, then it looks nothing up', async () => {
    startMonitor().dispose();
    await sent();
    await elapse(10_000);
    expect(broker.openOrderQueries).toBe(0);
  });

  it('when an option is out of range, then construction fails naming it', () => {
    expect(() => new InFlightMonitor(harness.oms, broker, { timeoutMs: 0 })).toThrow(/timeoutMs must be a positive number/);
    expect(() => new InFlightMonitor(harness.oms, broker, { maxLookups: 0 })).toThrow(/maxLookups must be a positive integer/);
  });
});
