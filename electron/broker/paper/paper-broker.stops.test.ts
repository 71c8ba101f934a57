import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PaperFixture } from './testing/paper-fixture.ts';

let fixture: PaperFixture;

beforeEach(() => {
  fixture = new PaperFixture();
});

afterEach(() => fixture.dispose());

const quote = (bid: number, ask: number, size = 50) => fixture.market.setQuote(fixture.option, { bid, ask, bidSize: size, askSize: size });
const prices = (ref: string) => fixture.executions(ref).map((execution) => execution.price);

describe('paper broker: stops', () => {
  it('when the bid falls to a sell stop, then it is elected (SUBMITTED) and fills as a market order', async () => {
    const ref = await fixture.place({ action: 'SELL', type: 'STP', stopPrice: 1.8 });
    fixture.settle();
    quote(1.85, 1.95);
    expect(prices(ref)).toEqual([]);
    quote(1.8, 1.9);
    expect(fixture.states(ref)).toEqual(['PRE_SUBMITTED', 'SUBMITTED', 'FILLED']);
    expect(prices(ref)).toEqual([1.79]);
  });

  it('when a stop-limit is elected but the market is beyond its limit, then it works as a limit without filling', async () => {
    fixture.reopen({ touchFillProbability: 0 });
    const ref = await fixture.place({ action: 'SELL', type: 'STP_LMT', stopPrice: 1.8, limitPrice: 1.75 });
    fixture.settle();
    quote(1.7, 1.8);
    expect(fixture.lastStatus(ref)?.state).toBe('SUBMITTED');
    expect(prices(ref)).toEqual([]);
    quote(1.75, 1.85);
    expect(prices(ref)).toEqual([1.75]);
  });

  it('when a sell trailing stop sees the bid rise, then its stop follows and triggers on the pull-back', async () => {
    const ref = await fixture.place({ action: 'SELL', type: 'TRAIL', trailingAmount: 0.3 });
    fixture.settle();
    quote(2.5, 2.6);
    quote(2.25, 2.35);
    expect(prices(ref)).toEqual([]);
    // Highest bid 2.50 → stop 2.20; the bid at 2.20 triggers.
    quote(2.2, 2.3);
    expect(prices(ref)).toEqual([2.19]);
  });

  it('when a buy trailing stop by percent sees the ask fall, then its stop follows down and never back up', async () => {
    const ref = await fixture.place({ action: 'BUY', type: 'TRAIL', trailingPercent: 10 });
    fixture.settle();
    quote(1.4, 1.5);
    // Lowest ask 1.50 → stop 1.65; 1.60 does not trigger, 1.65 does.
    quote(1.5, 1.6);
    expect(prices(ref)).toEqual([]);
    quote(1.55, 1.65);
    expect(prices(ref)).toEqual([1.66]);
  });

  it('when a trailing stop-limit is elected, then it works at the stop plus its offset', async () => {
    fixture.reopen({ touchFillProbability: 0 });
    const ref = await fixture.place({ action: 'BUY', type: 'TRAIL_LIMIT', trailingAmount: 0.2, limitOffset: 0.05 });
    fixture.settle();
    // Stop 2.30 from the ask 2.10; the ask at 2.40 elects it with limit 2.35: not marketable yet.
    quote(2.3, 2.4);
    expect(fixture.lastStatus(ref)?.state).toBe('SUBMITTED');
    expect(prices(ref)).toEqual([]);
    quote(2.25, 2.35);
    expect(prices(ref)).toEqual([2.35]);
  });

  it('when a stop price is modified, then the new stop applies', async () => {
    const ref = await fixture.place({ action: 'SELL', type: 'STP', stopPrice: 1.5 });
    fixture.settle();
    await fixture.broker.modifyOrder(ref, { stopPrice: 1.9 });
    fixture.settle();
    quote(1.9, 2.0);
    expect(prices(ref)).toEqual([1.89]);
  });

  it('when the trail is modified, then the stop is recomputed from the best price seen', async () => {
    const ref = await fixture.place({ action: 'SELL', type: 'TRAIL', trailingAmount: 0.5 });
    fixture.settle();
    quote(2.4, 2.5);
    await fixture.broker.modifyOrder(ref, { trailingAmount: 0.1 });
    fixture.settle();
    quote(2.3, 2.4);
    expect(prices(ref)).toEqual([2.29]);
  });
});
