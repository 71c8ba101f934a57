import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spyOption } from '../broker/paper/testing/paper-fixture.ts';
import { nearestRankPercentile } from './order-metrics.ts';
import type { SubmitOrderInput } from './oms-types.ts';
import { ScriptedGate } from './testing/gate-fakes.ts';
import { OmsHarness } from './testing/oms-harness.ts';
import { ScriptedBroker } from './testing/scripted-broker.ts';

const option = spyOption(560);
const entry: SubmitOrderInput = { instrument: option, action: 'BUY', quantity: 1, type: 'LMT', limitPrice: 2.05, tif: 'DAY', purpose: 'entry' };

describe('nearestRankPercentile', () => {
  it('when asked for p95 of 1..20, then it returns 19; of one value, that value; of none, undefined', () => {
    expect(nearestRankPercentile(Array.from({ length: 20 }, (_, index) => 20 - index), 95)).toBe(19);
    expect(nearestRankPercentile([7], 95)).toBe(7);
    expect(nearestRankPercentile([], 95)).toBeUndefined();
    expect(() => nearestRankPercentile([1], 0)).toThrow(/percentile/);
  });
});

describe('OMS metrics from the book', () => {
  let harness: OmsHarness;
  let broker: ScriptedBroker;

  beforeEach(() => {
    broker = new ScriptedBroker();
    harness = new OmsHarness({ broker, gate: new ScriptedGate().deny((intent) => intent.quantity === 9, { code: 'MAX_CONTRACTS_PER_ORDER', reason: 'too many' }) });
  });

  afterEach(() => harness.dispose());

  async function filledAfter(ms: number): Promise<void> {
    const order = (await harness.oms.submit(entry)).orders[0]!;
    harness.clock.advance(ms);
    broker.execution({ executionId: `exec.${order.id}` as never, clientOrderRef: order.clientOrderRef, contract: option, legIndex: undefined, action: 'BUY', quantity: 1, price: 2.05, time: harness.clock.now(), commission: undefined });
  }

  it('when orders fill, cancel, get rejected, denied, not sent or stay working, then the metrics count each from the book', async () => {
    for (const ms of [1_000, 2_000, 3_000, 10_000]) await filledAfter(ms);
    const cancelled = (await harness.oms.submit(entry)).orders[0]!;
    broker.status(cancelled.clientOrderRef, 'CANCELLED');
    const rejected = (await harness.oms.submit(entry)).orders[0]!;
    broker.status(rejected.clientOrderRef, 'REJECTED', { reason: 'no' });
    await harness.oms.submit({ ...entry, quantity: 9 });
    broker.script('place', 'not-sent');
    await harness.oms.submit(entry);
    await harness.oms.submit(entry);
    await harness.oms.submit(entry, { dryRun: true });
    expect(harness.oms.metrics()).toEqual({
      orders: 9,
      dryRuns: 1,
      working: 1,
      filled: 4,
      partiallyFilled: 0,
      cancels: 1,
      rejects: 2,
      denied: 1,
      notSent: 1,
      fillRate: 4 / 6,
      averageTimeToFillMs: 4_000,
      p95TimeToFillMs: 10_000,
    });
  });

  it('when nothing was sent, then the rates and times are undefined rather than zero', () => {
    expect(harness.oms.metrics()).toMatchObject({ orders: 0, fillRate: undefined, averageTimeToFillMs: undefined, p95TimeToFillMs: undefined });
  });
});
