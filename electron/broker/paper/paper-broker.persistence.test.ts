import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BrokerRequestError } from '../broker-request-error.ts';
import { fromDollars } from '../../../shared/domain/money.ts';
import { PaperFixture } from './testing/paper-fixture.ts';

let fixture: PaperFixture;

beforeEach(() => {
  fixture = new PaperFixture();
});

afterEach(() => fixture.dispose());

async function accountState() {
  const broker = fixture.broker;
  return {
    orders: (await broker.openOrders()).map((order) => [order.brokerOrderId, order.clientOrderRef, order.state, order.filledQuantity, order.averageFillPrice]),
    positions: await broker.positions(),
    cash: (await broker.accountSummary()).cash,
    executions: await broker.executions(0),
  };
}

describe('paper broker: persistence', () => {
  it('when the broker is reopened on its file, then orders, positions, cash, executions and ids continue exactly', async () => {
    await fixture.place({ type: 'MKT', quantity: 3 });
    await fixture.place({ limitPrice: 1.0, tif: 'GTC' });
    await fixture.place({ instrument: fixture.combo, limitPrice: 1.1 });
    await fixture.place({ action: 'SELL', type: 'TRAIL', trailingAmount: 0.3, tif: 'GTC' });
    fixture.settle();
    fixture.market.setQuote(fixture.option, { bid: 2.3, ask: 2.4, bidSize: 50, askSize: 50 });
    const before = await accountState();
    fixture.reopen();
    expect(await accountState()).toEqual(before);
    const { brokerOrderId } = await fixture.broker.placeOrder(fixture.request({ limitPrice: 1 }));
    expect(brokerOrderId).toBe(5);
  });

  it('when a GTC order rests through a restart, then it keeps working and fills afterwards', async () => {
    const ref = await fixture.place({ limitPrice: 1.5, tif: 'GTC' });
    fixture.settle();
    fixture.reopen();
    fixture.market.setQuote(fixture.option, { bid: 1.4, ask: 1.5, bidSize: 50, askSize: 50 });
    expect(fixture.executions(ref).map((execution) => execution.price)).toEqual([1.5]);
    expect(fixture.lastStatus(ref)?.state).toBe('FILLED');
  });

  it('when the broker stops before a request was answered, then the request is answered after the restart', async () => {
    const ref = await fixture.place({ limitPrice: 2.1 });
    fixture.reopen();
    fixture.settle();
    expect(fixture.states(ref)).toEqual(['SUBMITTED', 'FILLED']);
  });

  it('when a trailing stop moved before a restart, then its stop is where it was', async () => {
    const ref = await fixture.place({ action: 'SELL', type: 'TRAIL', trailingAmount: 0.3, tif: 'GTC' });
    fixture.settle();
    fixture.market.setQuote(fixture.option, { bid: 2.6, ask: 2.7, bidSize: 50, askSize: 50 });
    fixture.reopen();
    fixture.market.setQuote(fixture.option, { bid: 2.3, ask: 2.4, bidSize: 50, askSize: 50 });
    expect(fixture.executions(ref).map((execution) => execution.price)).toEqual([2.29]);
  });

  it('when a client order ref was used before the restart, then reusing it is refused as not sent', async () => {
    const request = fixture.request({ limitPrice: 1 });
    await fixture.broker.placeOrder(request);
    fixture.reopen();
    const error = await fixture.broker.placeOrder(request).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BrokerRequestError);
    expect(error).toMatchObject({ code: 'conflict', sendOutcome: 'not-sent' });
  });

  it('when a DAY order was working and the broker stayed closed past the close, then it is expired on reopen', async () => {
    const ref = await fixture.place({ limitPrice: 1 });
    fixture.settle();
    fixture.broker.dispose();
    fixture.clock.clearAll();
    fixture.clock.advanceTo(Date.parse('2026-03-11T15:00:00Z'));
    fixture.reopen();
    const [order] = await fixture.broker.openOrders();
    expect(order?.clientOrderRef).toBe(ref);
    expect(order?.state).toBe('CANCELLED');
  });

  it('when a new broker opens an existing account with another seed or starting cash, then the stored account wins', async () => {
    await fixture.place({ type: 'MKT' });
    fixture.settle();
    const cash = (await fixture.broker.accountSummary()).cash;
    fixture.reopen({ startingCash: fromDollars(1) });
    expect((await fixture.broker.accountSummary()).cash).toBe(cash);
  });
});
