import { afterEach, describe, expect, it } from 'vitest';
import { spyOption } from '../broker/paper/testing/paper-fixture.ts';
import type { OrderId } from '../../shared/domain/ids.ts';
import type { PreTradeGate } from '../risk/pre-trade-gate.ts';
import type { SubmitOrderInput } from './oms-types.ts';
import { CancelCountingGate, FailingCancelCountGate } from './testing/gate-fakes.ts';
import { OmsHarness } from './testing/oms-harness.ts';
import { ScriptedBroker } from './testing/scripted-broker.ts';

const buyLimit: SubmitOrderInput = { instrument: spyOption(560), action: 'BUY', quantity: 2, type: 'LMT', limitPrice: 2.05, tif: 'DAY', purpose: 'entry' };

let harness: OmsHarness;
let broker: ScriptedBroker;

function open<Gate extends PreTradeGate>(gate: Gate): Gate {
  broker = new ScriptedBroker();
  harness = new OmsHarness({ broker, gate });
  return gate;
}

afterEach(() => {
  expect(harness.handlerErrors).toEqual([]);
  harness.dispose();
});

async function working(): Promise<OrderId> {
  const order = (await harness.oms.submit(buyLimit)).orders[0]!;
  broker.status(order.clientOrderRef, 'SUBMITTED');
  return order.id;
}

describe('OMS cancels count toward the gate\'s order-rate throttle', () => {
  it('when a cancel is sent, then the gate counts it once, also when the cancel is not sent after all; a repeat or a refused cancel counts nothing', async () => {
    const gate = open(new CancelCountingGate());
    const first = await working();
    const second = await working();
    await harness.oms.cancel(first);
    expect(gate.cancels).toBe(1);
    expect(await harness.oms.cancel(first)).toMatchObject({ outcome: 'already-requested' });
    broker.status(broker.cancels[0]!, 'CANCELLED');
    expect(await harness.oms.cancel(first)).toMatchObject({ outcome: 'invalid' });
    expect(gate.cancels).toBe(1);
    broker.script('cancel', 'not-sent');
    expect(await harness.oms.cancel(second)).toMatchObject({ outcome: 'not-sent' });
    expect(gate.cancels).toBe(2);
  });

  it('when every order is cancelled one by one, then each cancel message counts', async () => {
    const gate = open(new CancelCountingGate());
    await working();
    await working();
    await working();
    expect((await harness.oms.cancelAll()).requested).toHaveLength(3);
    expect(gate.cancels).toBe(3);
  });

  it('when every order is cancelled through the broker cancel-all, then the one message counts once', async () => {
    const gate = open(new CancelCountingGate());
    await working();
    await working();
    await working();
    expect((await harness.oms.cancelAll({ viaBrokerCancelAll: true })).requested).toHaveLength(3);
    expect(broker.cancelAlls).toBe(1);
    expect(gate.cancels).toBe(1);
  });

  it('when the gate fails to count a cancel, then the cancel is still sent and the failure is published', async () => {
    open(new FailingCancelCountGate());
    const id = await working();
    expect(await harness.oms.cancel(id)).toMatchObject({ outcome: 'sent', order: { status: 'PENDING_CANCEL' } });
    expect(broker.cancels).toHaveLength(1);
    expect(harness.eventsOf('oms.error')).toEqual([{ message: 'the pre-trade gate failed to count a cancel: throttle state unavailable', code: 'unknown', orderId: id }]);
  });
});
