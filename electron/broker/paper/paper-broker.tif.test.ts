import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PaperFixture } from './testing/paper-fixture.ts';

let fixture: PaperFixture;

const close = Date.parse('2026-03-10T20:00:00Z');
const evening = Date.parse('2026-03-10T22:00:00Z');
const nextOpen = Date.parse('2026-03-11T13:30:00Z');

beforeEach(() => {
  fixture = new PaperFixture();
});

afterEach(() => fixture.dispose());

describe('paper broker: time in force', () => {
  it('when a DAY order is still working at the close, then it is cancelled at 16:00 with the reason', async () => {
    const ref = await fixture.place({ limitPrice: 1, tif: 'DAY' });
    fixture.clock.advanceTo(close - 1);
    expect(fixture.lastStatus(ref)?.state).toBe('SUBMITTED');
    fixture.clock.advanceTo(close);
    expect(fixture.lastStatus(ref)).toMatchObject({ state: 'CANCELLED', reason: 'DAY order expired at the session close', time: close });
  });

  it('when a GTC order spans the night, then it is held overnight, works again at the open and can fill the next day', async () => {
    const ref = await fixture.place({ limitPrice: 1.5, tif: 'GTC' });
    fixture.clock.advanceTo(evening);
    fixture.market.setQuote(fixture.option, { bid: 1.3, ask: 1.4, bidSize: 50, askSize: 50 });
    expect(fixture.executions(ref)).toEqual([]);
    fixture.clock.advanceTo(nextOpen);
    expect(fixture.states(ref)).toEqual(['SUBMITTED', 'PRE_SUBMITTED', 'SUBMITTED', 'FILLED']);
    expect(fixture.executions(ref).map((execution) => [execution.price, execution.time])).toEqual([[1.4, nextOpen]]);
  });

  it('when an IOC limit can fill only part, then it fills what is displayed and cancels the rest at once', async () => {
    fixture.market.setQuote(fixture.option, { bid: 2.0, ask: 2.1, bidSize: 3, askSize: 3 });
    const ref = await fixture.place({ limitPrice: 2.1, quantity: 5, tif: 'IOC' });
    fixture.settle();
    expect(fixture.lastStatus(ref)).toMatchObject({ state: 'CANCELLED', filledQuantity: 3, remainingQuantity: 2, reason: 'IOC: the unfilled rest was cancelled' });
  });

  it('when an OPG market order is placed after the close, then it is held and fills at the next open', async () => {
    fixture.clock.advanceTo(evening);
    const ref = await fixture.place({ type: 'MKT', tif: 'OPG' });
    fixture.settle();
    expect(fixture.states(ref)).toEqual(['PRE_SUBMITTED']);
    fixture.clock.advanceTo(nextOpen);
    expect(fixture.executions(ref).map((execution) => [execution.price, execution.time])).toEqual([[2.11, nextOpen]]);
    expect(fixture.lastStatus(ref)?.state).toBe('FILLED');
  });

  it('when an OPG order is placed during a session, then it waits for the next day open, not today', async () => {
    const ref = await fixture.place({ type: 'MKT', tif: 'OPG' });
    fixture.clock.advanceTo(close);
    expect(fixture.executions(ref)).toEqual([]);
    fixture.clock.advanceTo(nextOpen);
    expect(fixture.executions(ref)).toHaveLength(1);
  });

  it('when an OPG limit is not marketable at the open, then it is cancelled there', async () => {
    fixture.clock.advanceTo(evening);
    const ref = await fixture.place({ limitPrice: 1.5, tif: 'OPG' });
    fixture.clock.advanceTo(nextOpen);
    expect(fixture.lastStatus(ref)).toMatchObject({ state: 'CANCELLED', reason: 'OPG: not filled at the open' });
  });

  it('when a limit is placed outside regular hours, then it is PRE_SUBMITTED and starts working at the open', async () => {
    fixture.clock.advanceTo(evening);
    fixture.market.setQuote(fixture.option, { bid: 1.3, ask: 1.4, bidSize: 50, askSize: 50 });
    const ref = await fixture.place({ limitPrice: 1.5 });
    fixture.settle();
    expect(fixture.states(ref)).toEqual(['PRE_SUBMITTED']);
    fixture.clock.advanceTo(nextOpen);
    expect(fixture.states(ref)).toEqual(['PRE_SUBMITTED', 'SUBMITTED', 'FILLED']);
  });

  it('when a DAY order is placed after the close, then it lives through the next session and expires at its close', async () => {
    fixture.clock.advanceTo(evening);
    const ref = await fixture.place({ limitPrice: 1 });
    const nextClose = Date.parse('2026-03-11T20:00:00Z');
    fixture.clock.advanceTo(nextClose - 1);
    expect(fixture.lastStatus(ref)?.state).toBe('SUBMITTED');
    fixture.clock.advanceTo(nextClose);
    expect(fixture.lastStatus(ref)?.state).toBe('CANCELLED');
  });

  it('when an order is modified from DAY to GTC, then it survives the close', async () => {
    const ref = await fixture.place({ limitPrice: 1, tif: 'DAY' });
    fixture.settle();
    await fixture.broker.modifyOrder(ref, { tif: 'GTC' });
    fixture.clock.advanceTo(evening);
    expect(fixture.lastStatus(ref)?.state).toBe('PRE_SUBMITTED');
  });
});
