import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BrokerBracketRequest } from '../broker.ts';
import { PaperFixture } from './testing/paper-fixture.ts';

let fixture: PaperFixture;

beforeEach(() => {
  fixture = new PaperFixture();
});

afterEach(() => fixture.dispose());

const quote = (bid: number, ask: number) => fixture.market.setQuote(fixture.option, { bid, ask, bidSize: 50, askSize: 50 });

function bracket(parentLimit: number, takeProfitLimit = 3.0): BrokerBracketRequest {
  return {
    parent: fixture.request({ limitPrice: parentLimit, quantity: 2 }),
    takeProfit: fixture.request({ action: 'SELL', limitPrice: takeProfitLimit, quantity: 2, tif: 'GTC' }),
    stopLoss: fixture.request({ action: 'SELL', type: 'STP', stopPrice: 1.5, quantity: 2, tif: 'GTC' }),
  };
}

async function position(): Promise<number> {
  return (await fixture.broker.positions()).find((entry) => entry.contract.kind === 'option')?.quantity ?? 0;
}

describe('paper broker: brackets', () => {
  it('when a bracket is placed, then the ids are consecutive and the children are held PRE_SUBMITTED', async () => {
    const order = bracket(1.0);
    const ids = await fixture.broker.placeBracketOrder(order);
    fixture.settle();
    expect(ids).toEqual({ parent: 1, takeProfit: 2, stopLoss: 3 });
    expect(fixture.states(order.takeProfit.clientOrderRef)).toEqual(['PRE_SUBMITTED']);
    const snapshots = await fixture.broker.openOrders();
    expect(snapshots.map((snapshot) => snapshot.parentClientOrderRef)).toEqual([undefined, order.parent.clientOrderRef, order.parent.clientOrderRef]);
  });

  it('when the parent fills, then the take-profit starts working and the stop-loss is armed', async () => {
    const order = bracket(2.1);
    await fixture.broker.placeBracketOrder(order);
    fixture.settle();
    expect(fixture.lastStatus(order.parent.clientOrderRef)?.state).toBe('FILLED');
    expect(fixture.states(order.takeProfit.clientOrderRef)).toEqual(['PRE_SUBMITTED', 'SUBMITTED']);
    expect(fixture.lastStatus(order.stopLoss.clientOrderRef)?.state).toBe('PRE_SUBMITTED');
  });

  it('when the stop-loss triggers, then it fills and the take-profit is cancelled (one-cancels-all)', async () => {
    const order = bracket(2.1);
    await fixture.broker.placeBracketOrder(order);
    fixture.settle();
    quote(1.5, 1.6);
    expect(fixture.lastStatus(order.stopLoss.clientOrderRef)?.state).toBe('FILLED');
    expect(fixture.lastStatus(order.takeProfit.clientOrderRef)).toMatchObject({ state: 'CANCELLED', reason: `OCA group bracket:1: ${order.stopLoss.clientOrderRef} filled` });
    expect(await position()).toBe(0);
  });

  it('when a child is invalid, then the whole bracket is rejected and nothing trades', async () => {
    const order = bracket(2.1, 3.12);
    await fixture.broker.placeBracketOrder(order);
    fixture.settle();
    expect(fixture.lastStatus(order.takeProfit.clientOrderRef)?.reason).toMatch(/^invalid price: limit price 3.12/);
    expect(fixture.lastStatus(order.parent.clientOrderRef)?.reason).toMatch(/^bracket rejected, take-profit: invalid price/);
    expect(fixture.lastStatus(order.stopLoss.clientOrderRef)?.state).toBe('REJECTED');
    expect(await position()).toBe(0);
  });

  it('when the parent is cancelled, then the children are cancelled naming the parent', async () => {
    const order = bracket(1.0);
    await fixture.broker.placeBracketOrder(order);
    fixture.settle();
    await fixture.broker.cancelOrder(order.parent.clientOrderRef);
    fixture.settle();
    expect(fixture.lastStatus(order.stopLoss.clientOrderRef)).toMatchObject({ state: 'CANCELLED', reason: `parent order ${order.parent.clientOrderRef} was cancelled` });
  });

  it('when a bracket reuses a ref among its members, then it is refused as not sent', async () => {
    const order = bracket(1.0);
    const error = await fixture.broker.placeBracketOrder({ ...order, stopLoss: { ...order.stopLoss, clientOrderRef: order.parent.clientOrderRef } }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'conflict', sendOutcome: 'not-sent' });
    expect(await fixture.broker.openOrders()).toEqual([]);
  });
});

describe('paper broker: OCA groups', () => {
  it('when one member fills only partly, then the others are cancelled at once (IB ocaType 1)', async () => {
    fixture.market.setQuote(fixture.otherOption, { bid: 1.0, ask: 1.1, bidSize: 2, askSize: 2 });
    const first = await fixture.place({ instrument: fixture.otherOption, limitPrice: 1.1, quantity: 5, ocaGroup: 'entry' });
    const second = await fixture.place({ limitPrice: 1.0, ocaGroup: 'entry' });
    fixture.settle();
    expect(fixture.lastStatus(first)).toMatchObject({ state: 'SUBMITTED', filledQuantity: 2 });
    expect(fixture.lastStatus(second)).toMatchObject({ state: 'CANCELLED', reason: `OCA group entry: ${first} filled` });
  });

  it('when orders are in different groups, then a fill cancels nothing else', async () => {
    const first = await fixture.place({ limitPrice: 2.1, ocaGroup: 'a' });
    const second = await fixture.place({ limitPrice: 1.0, ocaGroup: 'b' });
    fixture.settle();
    expect(fixture.lastStatus(first)?.state).toBe('FILLED');
    expect(fixture.lastStatus(second)?.state).toBe('SUBMITTED');
  });
});
