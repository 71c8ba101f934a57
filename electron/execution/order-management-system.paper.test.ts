import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderId } from '../../shared/domain/ids.ts';
import { replayTradingState } from '../persistence/journal/state-replay.ts';
import { EngineFixture } from './testing/engine-fixture.ts';

let fixture: EngineFixture;

beforeEach(() => {
  fixture = new EngineFixture();
});

afterEach(() => {
  expect(fixture.harness.handlerErrors).toEqual([]);
  fixture.dispose();
});

async function restingBuy(limitPrice: number): Promise<OrderId> {
  const result = await fixture.oms.submit({ instrument: fixture.paper.option, action: 'BUY', quantity: 2, type: 'LMT', limitPrice, tif: 'DAY', purpose: 'entry' });
  await fixture.settle();
  const id = result.orders[0]?.id as OrderId;
  expect(fixture.oms.getOrder(id)).toMatchObject({ status: 'SUBMITTED', limitPrice });
  return id;
}

describe('OMS modify on the paper broker', () => {
  it('when a working order is modified, then the book shows the new limit once the broker confirms and it fills at the new limit', async () => {
    const id = await restingBuy(1.5);
    expect(await fixture.oms.modify(id, { limitPrice: 1.8 })).toMatchObject({ outcome: 'sent' });
    await fixture.settle();
    expect(fixture.oms.getOrder(id)).toMatchObject({ status: 'SUBMITTED', limitPrice: 1.8 });
    fixture.paper.market.setQuote(fixture.paper.option, { bid: 1.7, ask: 1.8, bidSize: 50, askSize: 50 });
    await fixture.settle();
    expect(fixture.oms.getOrder(id)).toMatchObject({ status: 'FILLED', limitPrice: 1.8, filledQuantity: 2, averageFillPrice: 1.8 });
    expect(fixture.harness.eventsOf('order.filled')).toEqual([{ order: expect.objectContaining({ limitPrice: 1.8 }) }]);
    const replayed = replayTradingState(fixture.harness.store.journal);
    expect(replayed.problems).toEqual([]);
    expect(replayed.orders.get(id)).toEqual(fixture.oms.getOrder(id));
  });

  it('when the paper broker refuses a modify (off its tick grid), then the book keeps the old limit', async () => {
    fixture.paper.market.setQuote(fixture.paper.option, { bid: 3.5, ask: 3.6, bidSize: 50, askSize: 50 });
    const id = await restingBuy(3.0);
    expect(await fixture.oms.modify(id, { limitPrice: 3.12 })).toMatchObject({ outcome: 'sent' });
    await fixture.settle();
    expect(fixture.oms.getOrder(id)).toMatchObject({ status: 'SUBMITTED', limitPrice: 3 });
    expect(fixture.oms.termsOf(id)?.limitPrice).toBe(3);
    expect(fixture.harness.eventsOf('order.modify-dropped')).toEqual([expect.objectContaining({ outcome: 'refused', code: 201 })]);
  });

  it('when the quantity of a working order is increased, then the book holds the new quantity and every unit fills', async () => {
    const id = await restingBuy(1.5);
    expect(await fixture.oms.modify(id, { quantity: 3, limitPrice: 2.1 })).toMatchObject({ outcome: 'sent' });
    await fixture.settle();
    expect(fixture.oms.getOrder(id)).toMatchObject({ status: 'FILLED', quantity: 3, filledQuantity: 3, limitPrice: 2.1 });
    expect(await fixture.bookPositions()).toEqual(await fixture.brokerPositions());
  });
});
