import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contractKey } from '../../../shared/domain/contract.ts';
import { fromDollars, priceValue, sum } from '../../../shared/domain/money.ts';
import { PaperFixture } from './testing/paper-fixture.ts';

let fixture: PaperFixture;

beforeEach(() => {
  fixture = new PaperFixture();
});

afterEach(() => fixture.dispose());

const legRows = (ref: string) => fixture.executions(ref).map((execution) => [execution.legIndex, contractKey(execution.contract), execution.action, execution.quantity, execution.price]);

describe('paper broker: combo orders', () => {
  it('when a vertical is bought at its natural price, then both legs fill together, one execution per leg', async () => {
    const ref = await fixture.place({ instrument: fixture.combo, limitPrice: 1.1, quantity: 2 });
    fixture.settle();
    expect(legRows(ref)).toEqual([
      [0, 'SPY 2026-03-20 560 C', 'BUY', 2, 2.1],
      [1, 'SPY 2026-03-20 570 C', 'SELL', 2, 1.0],
    ]);
    expect(fixture.lastStatus(ref)).toMatchObject({ state: 'FILLED', filledQuantity: 2, averageFillPrice: 1.1 });
  });

  it('when a combo is sold, then the leg actions flip and the net is received at the natural bid', async () => {
    const ref = await fixture.place({ instrument: fixture.combo, action: 'SELL', limitPrice: 0.9 });
    fixture.settle();
    expect(legRows(ref)).toEqual([
      [0, 'SPY 2026-03-20 560 C', 'SELL', 1, 2.0],
      [1, 'SPY 2026-03-20 570 C', 'BUY', 1, 1.1],
    ]);
    expect(fixture.lastStatus(ref)?.averageFillPrice).toBe(0.9);
  });

  it('when the combo fills, then cash moves by exactly the net price × 100 × units and the order commission', async () => {
    const before = (await fixture.broker.accountSummary()).cash;
    const ref = await fixture.place({ instrument: fixture.combo, limitPrice: 1.1, quantity: 3 });
    fixture.settle();
    const commissions = fixture.executions(ref).map((execution) => execution.commission!);
    // One order of 6 contracts: max($1.00, 6 × $0.65), spread over the leg executions.
    expect(sum(commissions)).toBe(fromDollars(3.9));
    expect((await fixture.broker.accountSummary()).cash).toBe(before - priceValue(1.1, 3, 100) - fromDollars(3.9));
  });

  it('when one leg has less displayed size, then only whole units fill per tick and legs never get ahead', async () => {
    fixture.market.setQuote(fixture.otherOption, { bid: 1.0, ask: 1.1, bidSize: 2, askSize: 2 });
    const ref = await fixture.place({ instrument: fixture.combo, limitPrice: 1.1, quantity: 5 });
    fixture.settle();
    expect(fixture.lastStatus(ref)).toMatchObject({ state: 'SUBMITTED', filledQuantity: 2 });
    expect(fixture.executions(ref).map((execution) => execution.quantity)).toEqual([2, 2]);
    fixture.market.tick();
    fixture.market.tick();
    expect(fixture.lastStatus(ref)).toMatchObject({ state: 'FILLED', filledQuantity: 5 });
  });

  it('when the natural price is above a buy limit, then no leg fills, and it fills once the market comes in', async () => {
    const ref = await fixture.place({ instrument: fixture.combo, limitPrice: 1.0 });
    fixture.settle();
    expect(fixture.executions(ref)).toEqual([]);
    fixture.market.setQuote(fixture.otherOption, { bid: 1.1, ask: 1.2, bidSize: 50, askSize: 50 });
    expect(fixture.lastStatus(ref)).toMatchObject({ state: 'FILLED', averageFillPrice: 1.0 });
  });

  it('when a credit combo is bought (short the lower strike), then the net is negative and the limit is a credit', async () => {
    const credit = { kind: 'combo' as const, legs: [{ ...fixture.combo.legs[0]!, action: 'SELL' as const }, { ...fixture.combo.legs[1]!, action: 'BUY' as const }] };
    const ref = await fixture.place({ instrument: credit, limitPrice: -0.95 });
    fixture.settle();
    expect(fixture.executions(ref)).toEqual([]);
    const filled = await fixture.place({ instrument: credit, limitPrice: -0.9 });
    fixture.settle();
    expect(fixture.lastStatus(filled)?.averageFillPrice).toBe(-0.9);
  });

  it('when a leg has no bid to sell into, then the combo does not trade', async () => {
    fixture.market.setQuote(fixture.otherOption, { bid: 0, ask: 0.05, bidSize: 0, askSize: 50 });
    const ref = await fixture.place({ instrument: fixture.combo, type: 'MKT' });
    fixture.settle();
    expect(fixture.executions(ref)).toEqual([]);
    expect(fixture.lastStatus(ref)?.state).toBe('SUBMITTED');
  });

  it('when a combo market order fills, then each leg pays its own slippage and the net is their signed sum', async () => {
    const ref = await fixture.place({ instrument: fixture.combo, type: 'MKT' });
    fixture.settle();
    expect(legRows(ref).map((row) => row[4])).toEqual([2.11, 0.99]);
    expect(fixture.lastStatus(ref)?.averageFillPrice).toBe(1.12);
  });
});
