import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fromDollars } from '../../../shared/domain/money.ts';
import { PaperFixture, spyOption } from './testing/paper-fixture.ts';

let fixture: PaperFixture;

beforeEach(() => {
  fixture = new PaperFixture();
});

afterEach(() => fixture.dispose());

describe('paper broker: acknowledgement', () => {
  it('when an order is placed, then its first status arrives 10 to 50 ms later and not before', async () => {
    const placedAt = fixture.clock.now();
    const ref = await fixture.place({ limitPrice: 1 });
    expect(fixture.statuses(ref)).toEqual([]);
    fixture.elapse(9);
    expect(fixture.statuses(ref)).toEqual([]);
    fixture.elapse(41);
    const [first] = fixture.statuses(ref);
    expect(first?.time).toBeGreaterThanOrEqual(placedAt + 10);
    expect(first?.time).toBeLessThanOrEqual(placedAt + 50);
  });

  it('when a resting limit and a stop are accepted, then the limit is SUBMITTED and the stop PRE_SUBMITTED', async () => {
    const limit = await fixture.place({ limitPrice: 1 });
    const stop = await fixture.place({ type: 'STP', stopPrice: 3 });
    fixture.settle();
    expect(fixture.states(limit)).toEqual(['SUBMITTED']);
    expect(fixture.states(stop)).toEqual(['PRE_SUBMITTED']);
  });

  it('when orders are placed, then broker order ids are increasing integers', async () => {
    const ids = [];
    for (let index = 0; index < 3; index++) ids.push((await fixture.broker.placeOrder(fixture.request({ limitPrice: 1 }))).brokerOrderId);
    expect(ids).toEqual([1, 2, 3]);
  });
});

describe('paper broker: market orders', () => {
  it('when a market buy fills, then it pays the ask plus one tick of slippage and reports a FILLED status', async () => {
    const ref = await fixture.place({ type: 'MKT', quantity: 2 });
    fixture.settle();
    expect(fixture.executions(ref).map((execution) => [execution.quantity, execution.price])).toEqual([[2, 2.11]]);
    expect(fixture.states(ref)).toEqual(['SUBMITTED', 'FILLED']);
    expect(fixture.lastStatus(ref)?.averageFillPrice).toBe(2.11);
  });

  it('when a market sell is larger than the displayed bid size, then it sweeps one tick lower per further slice', async () => {
    fixture.market.setQuote(fixture.option, { bid: 2.0, ask: 2.1, bidSize: 2, askSize: 2 });
    const ref = await fixture.place({ type: 'MKT', action: 'SELL', quantity: 5 });
    fixture.settle();
    expect(fixture.executions(ref).map((execution) => [execution.quantity, execution.price])).toEqual([[2, 1.99], [2, 1.98], [1, 1.97]]);
  });

  it('when a market order is placed outside regular hours, then it is rejected because the market is closed', async () => {
    fixture.clock.advanceTo(Date.parse('2026-03-10T21:00:00Z'));
    const ref = await fixture.place({ type: 'MKT' });
    fixture.settle();
    expect(fixture.lastStatus(ref)).toMatchObject({ state: 'REJECTED', reason: 'market closed for a market order', code: 201 });
  });

  it('when the contra side shows no market, then a market order keeps working until it does', async () => {
    fixture.market.setQuote(fixture.option, { bid: 0, ask: 2.1, bidSize: 0, askSize: 5 });
    const ref = await fixture.place({ type: 'MKT', action: 'SELL' });
    fixture.settle();
    expect(fixture.lastStatus(ref)?.state).toBe('SUBMITTED');
    fixture.market.setQuote(fixture.option, { bid: 2.0, ask: 2.1, bidSize: 5, askSize: 5 });
    expect(fixture.executions(ref).map((execution) => execution.price)).toEqual([1.99]);
  });
});

describe('paper broker: shares', () => {
  it('when shares are bought at market, then slippage is 5 bps of the mid, the $1 minimum commission and 50 % margin apply', async () => {
    const ref = await fixture.place({ instrument: fixture.underlying, type: 'MKT', quantity: 100 });
    fixture.settle();
    // Mid 560.00 → 0.28 of slippage on the ask 560.01.
    expect(fixture.executions(ref).map((execution) => [execution.price, execution.commission])).toEqual([[560.29, fromDollars(1)]]);
    const summary = await fixture.broker.accountSummary();
    expect(summary.cash).toBe(fromDollars(100_000 - 56_029 - 1));
    expect(summary.marginUsed).toBe(fromDollars(28_000));
    expect(summary.buyingPower).toBe(fromDollars(100_000 - 56_029 - 1 + 56_000 - 28_000));
  });

  it('when a share price is off the penny, then it is rejected naming the tick', async () => {
    const ref = await fixture.place({ instrument: fixture.underlying, limitPrice: 559.505 });
    fixture.settle();
    expect(fixture.lastStatus(ref)?.reason).toBe('invalid price: limit price 559.505 is not a multiple of the $0.01 tick for SPY');
  });
});

describe('paper broker: limit orders', () => {
  it('when a buy limit is above the ask, then it fills at the ask (the better price)', async () => {
    const ref = await fixture.place({ limitPrice: 2.5 });
    fixture.settle();
    expect(fixture.executions(ref).map((execution) => execution.price)).toEqual([2.1]);
  });

  it('when a limit exceeds the displayed size, then each tick fills up to the displayed size and the rest keeps working', async () => {
    fixture.market.setQuote(fixture.option, { bid: 2.0, ask: 2.1, bidSize: 4, askSize: 4 });
    const ref = await fixture.place({ limitPrice: 2.1, quantity: 10 });
    fixture.settle();
    fixture.market.tick();
    fixture.market.tick();
    const statuses = fixture.statuses(ref).map((status) => [status.state, status.filledQuantity, status.remainingQuantity]);
    expect(statuses).toEqual([['SUBMITTED', 0, 10], ['SUBMITTED', 4, 6], ['SUBMITTED', 8, 2], ['FILLED', 10, 0]]);
  });

  it('when two orders share one tick, then they share the displayed size in time priority', async () => {
    const first = await fixture.place({ limitPrice: 1.9, quantity: 3 });
    const second = await fixture.place({ limitPrice: 1.9, quantity: 3 });
    fixture.settle();
    fixture.market.setQuote(fixture.option, { bid: 1.8, ask: 1.9, bidSize: 4, askSize: 4 });
    expect([fixture.executions(first).length, fixture.executions(second).map((execution) => execution.quantity)]).toEqual([1, [1]]);
  });

  it('when a limit rests at the touch and the touch probability is 1, then it fills at its limit on the next evaluation', async () => {
    fixture.reopen({ touchFillProbability: 1 });
    const ref = await fixture.place({ limitPrice: 2.0 });
    fixture.settle();
    expect(fixture.executions(ref).map((execution) => execution.price)).toEqual([2.0]);
  });

  it('when the touch probability is 0, then a limit at the touch never fills', async () => {
    fixture.reopen({ touchFillProbability: 0 });
    const ref = await fixture.place({ limitPrice: 2.0 });
    fixture.settle();
    for (let tick = 0; tick < 20; tick++) fixture.market.tick();
    expect(fixture.executions(ref)).toEqual([]);
  });

  it('when 400 orders rest at the touch with the default 0.95, then about 95 % fill on their first evaluation (seeded)', async () => {
    fixture.market.setQuote(fixture.option, { bid: 2.0, ask: 2.1, bidSize: 5_000, askSize: 5_000 });
    const refs = [];
    for (let index = 0; index < 400; index++) refs.push(await fixture.place({ limitPrice: 2.0 }));
    fixture.settle();
    const filled = refs.filter((ref) => fixture.executions(ref).length > 0).length;
    expect(filled).toBeGreaterThan(365);
    expect(filled).toBeLessThan(395);
  });
});

describe('paper broker: validation', () => {
  it('when an option price is off its tick, then the order is rejected naming the tick', async () => {
    const ref = await fixture.place({ limitPrice: 3.12 });
    fixture.settle();
    expect(fixture.lastStatus(ref)?.reason).toBe('invalid price: limit price 3.12 is not a multiple of the $0.05 tick for SPY 2026-03-20 560 C');
  });

  it('when a single-contract limit is zero, then it is rejected as an invalid price', async () => {
    const ref = await fixture.place({ limitPrice: 0 });
    fixture.settle();
    expect(fixture.lastStatus(ref)?.reason).toMatch(/^invalid price: limit price must be positive/);
  });

  it('when the quantity is not a positive whole number, then the order is rejected as an invalid quantity', async () => {
    const ref = await fixture.place({ limitPrice: 1, quantity: 1.5 });
    fixture.settle();
    expect(fixture.lastStatus(ref)).toMatchObject({ state: 'REJECTED', reason: 'invalid quantity: quantity must be a positive whole number, got 1.5' });
  });

  it('when the contract is not quoted, then the order is rejected as an unknown contract', async () => {
    const ref = await fixture.place({ instrument: spyOption(999), limitPrice: 1 });
    fixture.settle();
    expect(fixture.lastStatus(ref)?.reason).toBe('unknown contract SPY 2026-03-20 999 C');
  });

  it('when a combo is priced as a credit, then the negative limit is accepted', async () => {
    const ref = await fixture.place({ instrument: fixture.combo, action: 'SELL', limitPrice: -0.5 });
    fixture.settle();
    expect(fixture.lastStatus(ref)?.state).not.toBe('REJECTED');
  });

  it('when a stop type is asked for a combo, then it is rejected as an invalid order', async () => {
    const ref = await fixture.place({ instrument: fixture.combo, type: 'STP', stopPrice: 1 });
    fixture.settle();
    expect(fixture.lastStatus(ref)?.reason).toMatch(/^invalid order: type must be one of MKT, LMT/);
  });
});
