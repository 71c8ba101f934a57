import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spyOption } from '../broker/paper/testing/paper-fixture.ts';
import type { OrderId } from '../../shared/domain/ids.ts';
import { EntryTimeoutMonitor, type EntryTimeoutOptions } from './entry-timeout-monitor.ts';
import type { SubmitOrderInput } from './oms-types.ts';
import { flush, OmsHarness } from './testing/oms-harness.ts';
import { ScriptedBroker } from './testing/scripted-broker.ts';

const option = spyOption(560);
const entry: SubmitOrderInput = { instrument: option, action: 'BUY', quantity: 3, type: 'LMT', limitPrice: 2.05, tif: 'DAY', purpose: 'entry' };

let harness: OmsHarness;
let broker: ScriptedBroker;
let monitor: EntryTimeoutMonitor;

function startMonitor(options: EntryTimeoutOptions = {}): EntryTimeoutMonitor {
  monitor = new EntryTimeoutMonitor(harness.oms, options);
  monitor.start();
  return monitor;
}

beforeEach(() => {
  broker = new ScriptedBroker();
  harness = new OmsHarness({ broker });
});

afterEach(() => {
  monitor?.dispose();
  expect(harness.handlerErrors).toEqual([]);
  harness.dispose();
});

async function elapse(ms: number): Promise<void> {
  harness.clock.advance(ms);
  await flush();
}

const statusOf = (id: OrderId) => harness.oms.getOrder(id)?.status;

describe('entry timeout monitor: cancel policy', () => {
  it('when a working entry order outlives 300 s, then it is cancelled and a timed-out event is published', async () => {
    startMonitor();
    const order = (await harness.oms.submit(entry)).orders[0]!;
    broker.status(order.clientOrderRef, 'SUBMITTED');
    await elapse(299_000);
    expect(broker.cancels).toEqual([]);
    await elapse(1_000);
    expect(broker.cancels).toEqual([order.clientOrderRef]);
    expect(statusOf(order.id)).toBe('PENDING_CANCEL');
    expect(harness.eventsOf('order.timed-out')).toEqual([expect.objectContaining({ policy: 'cancel', ageMs: 300_000 })]);
  });

  it('when exit, hedge and flatten orders outlive the timeout, then they are left working', async () => {
    startMonitor({ timeoutMs: 10_000 });
    for (const purpose of ['exit', 'hedge', 'flatten'] as const) await harness.oms.submit({ ...entry, purpose });
    await elapse(60_000);
    expect(broker.cancels).toEqual([]);
  });

  it('when the broker never answers placeOrder, then the unknown order is still cancelled at the timeout', async () => {
    startMonitor();
    broker.script('place', 'hang').script('cancel', 'hang');
    const pending = harness.oms.submit(entry);
    await flush();
    await elapse(30_000);
    const result = await pending;
    expect(result.outcome).toBe('unknown');
    await elapse(270_000);
    expect(broker.cancels).toEqual([result.orders[0]!.clientOrderRef]);
    expect(statusOf(result.orders[0]!.id)).toBe('PENDING_CANCEL');
    await elapse(30_000);
    expect(harness.oms.unknownOutcomes().map((outcome) => outcome.operation).sort()).toEqual(['cancel', 'place']);
  });

  it('when a custom timeout is configured, then it is measured on the injected clock', async () => {
    startMonitor({ timeoutMs: 5_000, checkIntervalMs: 500 });
    const order = (await harness.oms.submit(entry)).orders[0]!;
    await elapse(5_000);
    expect(broker.cancels).toEqual([order.clientOrderRef]);
  });
});

describe('entry timeout monitor: reprice policy', () => {
  const reprice = (_order: unknown, terms: { limitPrice?: number | undefined }) => Number(((terms.limitPrice ?? 0) + 0.05).toFixed(2));

  it('when a timed-out entry is confirmed cancelled, then the unfilled rest is placed again at the new price, linked to the old order', async () => {
    startMonitor({ policy: 'reprice', reprice });
    const order = (await harness.oms.submit(entry)).orders[0]!;
    broker.status(order.clientOrderRef, 'SUBMITTED');
    broker.execution({ executionId: 'exec.1' as never, clientOrderRef: order.clientOrderRef, contract: option, legIndex: undefined, action: 'BUY', quantity: 1, price: 2.05, time: harness.clock.now(), commission: undefined });
    await elapse(300_000);
    expect(broker.placed).toHaveLength(1);
    broker.status(order.clientOrderRef, 'CANCELLED');
    await flush();
    expect(broker.placed).toHaveLength(2);
    expect(broker.placed[1]).toMatchObject({ quantity: 2, limitPrice: 2.1, type: 'LMT' });
    const replacement = harness.eventsOf('order.replaced')[0]!.replacement!;
    expect(harness.oms.contextOf(replacement.id)).toEqual({ purpose: 'entry', replacesOrderId: order.id, dryRun: false });
  });

  it('when the cancel loses the race to a fill, then nothing is replaced (no double position)', async () => {
    startMonitor({ policy: 'reprice', reprice });
    const order = (await harness.oms.submit(entry)).orders[0]!;
    await elapse(300_000);
    broker.execution({ executionId: 'exec.2' as never, clientOrderRef: order.clientOrderRef, contract: option, legIndex: undefined, action: 'BUY', quantity: 3, price: 2.05, time: harness.clock.now(), commission: undefined });
    broker.status(order.clientOrderRef, 'CANCELLED');
    await flush();
    expect(broker.placed).toHaveLength(1);
    expect(harness.eventsOf('order.replaced')).toEqual([expect.objectContaining({ replacement: undefined, why: 'not replaced: the order ended FILLED with 0 unfilled' })]);
  });

  it('when the chain reached maxReprices, then the order is only cancelled', async () => {
    startMonitor({ policy: 'reprice', reprice, maxReprices: 1 });
    const first = (await harness.oms.submit(entry)).orders[0]!;
    await elapse(300_000);
    broker.status(first.clientOrderRef, 'CANCELLED');
    await flush();
    const second = broker.placed[1]!;
    await elapse(300_000);
    expect(harness.eventsOf('order.timed-out').map((event) => event.policy)).toEqual(['reprice', 'cancel']);
    broker.status(second.clientOrderRef, 'CANCELLED');
    await flush();
    expect(broker.placed).toHaveLength(2);
  });

  it('when the price function has no price, then the cancelled order is not replaced', async () => {
    startMonitor({ policy: 'reprice', reprice: () => undefined });
    const order = (await harness.oms.submit(entry)).orders[0]!;
    await elapse(300_000);
    broker.status(order.clientOrderRef, 'CANCELLED');
    await flush();
    expect(broker.placed).toHaveLength(1);
    expect(harness.eventsOf('order.replaced')).toEqual([expect.objectContaining({ why: 'not replaced: the price function gave no new limit' })]);
  });

  it('when the reprice policy has no price function, then the monitor refuses to start', () => {
    expect(() => new EntryTimeoutMonitor(harness.oms, { policy: 'reprice' })).toThrow(/needs a reprice price function/);
  });
});
