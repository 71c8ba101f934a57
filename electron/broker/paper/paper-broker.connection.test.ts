import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BrokerRequestError } from '../broker-request-error.ts';
import type { ClientOrderRef } from '../../../shared/domain/ids.ts';
import { fromDollars } from '../../../shared/domain/money.ts';
import { PaperFixture } from './testing/paper-fixture.ts';

let fixture: PaperFixture;

beforeEach(() => {
  fixture = new PaperFixture();
});

afterEach(() => fixture.dispose());

async function failure(call: Promise<unknown>): Promise<BrokerRequestError> {
  const error = await call.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(BrokerRequestError);
  return error as BrokerRequestError;
}

describe('paper broker: connection', () => {
  it('when connecting, then connecting and connected are reported for the simulated broker', () => {
    const states = fixture.events.flatMap((event) => (event.type === 'connection' ? [[event.status.broker, event.status.state]] : []));
    expect(states).toEqual([['simulated', 'connecting'], ['simulated', 'connected']]);
  });

  it('when disconnected, then every call fails as not connected and not sent', async () => {
    await fixture.broker.disconnect();
    const broker = fixture.broker;
    const ref = fixture.nextRef();
    const calls = [
      broker.placeOrder(fixture.request()), broker.modifyOrder(ref, { limitPrice: 1 }), broker.cancelOrder(ref), broker.cancelAllOrders(),
      broker.openOrders(), broker.positions(), broker.executions(0), broker.accountSummary(), broker.whatIf(fixture.request({ limitPrice: 1 })),
    ];
    for (const call of calls) expect(await failure(call)).toMatchObject({ code: 'not-connected', sendOutcome: 'not-sent' });
  });

  it('when orders fill while disconnected, then no event is delivered but the queries show the fills after reconnecting', async () => {
    const ref = await fixture.place({ limitPrice: 1.5, tif: 'GTC' });
    fixture.settle();
    await fixture.broker.disconnect();
    const seenBefore = fixture.events.length;
    fixture.market.setQuote(fixture.option, { bid: 1.4, ask: 1.5, bidSize: 50, askSize: 50 });
    await fixture.broker.connect();
    expect(fixture.events.slice(seenBefore).map((event) => event.type)).toEqual(['connection', 'connection']);
    expect((await fixture.broker.executions(0)).map((execution) => execution.clientOrderRef)).toEqual([ref]);
    expect((await fixture.broker.openOrders())[0]?.state).toBe('FILLED');
  });
});

describe('paper broker: requests on existing orders', () => {
  it('when an unknown ref is modified or cancelled, then the call fails as not found and not sent', async () => {
    const ref = 'OWS-999999' as ClientOrderRef;
    expect(await failure(fixture.broker.cancelOrder(ref))).toMatchObject({ code: 'not-found', sendOutcome: 'not-sent' });
    expect(await failure(fixture.broker.modifyOrder(ref, { limitPrice: 1 }))).toMatchObject({ code: 'not-found' });
  });

  it('when a malformed ref is placed, then the call fails as a validation error, not sent', async () => {
    const error = await failure(fixture.broker.placeOrder({ ...fixture.request(), clientOrderRef: 'nope' as ClientOrderRef }));
    expect(error).toMatchObject({ code: 'validation', sendOutcome: 'not-sent' });
  });

  it('when a filled order is cancelled, then a 10148 notice says it cannot be cancelled', async () => {
    const ref = await fixture.place({ type: 'MKT' });
    fixture.settle();
    await fixture.broker.cancelOrder(ref);
    fixture.settle();
    const notice = fixture.events.find((event) => event.type === 'notice');
    expect(notice).toEqual({ type: 'notice', code: 10148, message: 'OrderId 1 that needs to be cancelled can not be cancelled, state: Filled.', clientOrderRef: ref });
  });

  it('when a modify is refused, then a notice says why and the order keeps its terms', async () => {
    const ref = await fixture.place({ limitPrice: 1 });
    fixture.settle();
    await fixture.broker.modifyOrder(ref, { limitPrice: 3.12 });
    fixture.settle();
    expect(fixture.notices()).toEqual([`modify of ${ref} refused: invalid price: limit price 3.12 is not a multiple of the $0.05 tick for SPY 2026-03-20 560 C`]);
    expect((await fixture.broker.openOrders())[0]?.request.limitPrice).toBe(1);
  });

  it('when a modify reaches the broker before the order was acknowledged, then the order is acknowledged with the change', async () => {
    const ref = await fixture.place({ limitPrice: 1 });
    await fixture.broker.modifyOrder(ref, { limitPrice: 2.1 });
    fixture.settle();
    expect(fixture.executions(ref)).toHaveLength(1);
  });

  it('when a fill is reported, then the commission comes with the execution and as its own event', async () => {
    const ref = await fixture.place({ type: 'MKT', quantity: 3 });
    fixture.settle();
    const [execution] = fixture.executions(ref);
    expect(execution?.commission).toBe(fromDollars(1.95));
    expect(fixture.events.find((event) => event.type === 'commission')).toEqual({ type: 'commission', commission: { executionId: execution?.executionId, commission: fromDollars(1.95) } });
  });

  it('when the broker is disposed, then connecting again fails and calls are refused', async () => {
    fixture.broker.dispose();
    expect(await failure(fixture.broker.connect())).toMatchObject({ code: 'broker-unavailable' });
    expect(await failure(fixture.broker.positions())).toMatchObject({ code: 'not-connected' });
  });
});
