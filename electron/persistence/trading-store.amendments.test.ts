import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderId } from '../../shared/domain/ids.ts';
import type { Order } from '../../shared/domain/order.ts';
import { rebuildTradingState, replayTradingState } from './journal/state-replay.ts';
import type { OrderAmendment } from './order-amendment.ts';
import { createDatabaseHarness, type DatabaseHarness } from './testing/database-harness.ts';
import { fillOf, newComboOrder, newOrder } from './testing/trading-fixtures.ts';
import { TradingStore } from './trading-store.ts';

let harness: DatabaseHarness;
let store: TradingStore;

beforeEach(() => {
  harness = createDatabaseHarness('trading-store-amendments-test-');
  store = new TradingStore(harness.database, harness.clock);
});

afterEach(() => harness.dispose());

const head = () => store.journal.head().sequence;

function working(order: Order = newOrder({ clientOrderRef: store.nextClientOrderRef() })): Order {
  const created = store.recordOrderCreated(order);
  store.recordOrderStatus(created.id, { type: 'SUBMIT_SENT' }, { brokerOrderId: 21 });
  return store.recordOrderStatus(created.id, { type: 'ACKNOWLEDGED' }).order;
}

/** Expects the amendment to be refused with `message`, leaving the journal and the row as they were. */
function expectRefused(order: Order, changes: OrderAmendment, message: RegExp | string): void {
  const before = head();
  const row = store.orders.get(order.id);
  expect(() => store.recordOrderAmended(order.id, changes)).toThrow(expect.objectContaining({ code: 'validation', message: expect.stringMatching(message) }));
  expect(head()).toBe(before);
  expect(store.orders.get(order.id)).toEqual(row);
}

describe('TradingStore.recordOrderAmended', () => {
  it('when a working order is amended, then the journal entry and the row change together and the row reads back the new terms', () => {
    const order = working();
    harness.clock.advance(1_000);
    const result = store.recordOrderAmended(order.id, { limitPrice: 1.2, quantity: 3 }, { note: 'the broker confirmed the modify', requestSequence: 2 });
    expect(result).toEqual({ order: { ...order, limitPrice: 1.2, quantity: 3, updatedAt: harness.clock.now() }, previous: order, changed: true });
    expect(store.orders.get(order.id)).toEqual(result.order);
    expect(store.journal.read().at(-1)).toMatchObject({
      type: 'order.amended',
      payload: { orderId: order.id, time: harness.clock.now(), changes: { limitPrice: 1.2, quantity: 3 }, note: 'the broker confirmed the modify', requestSequence: 2 },
    });
    harness.reopen();
    expect(new TradingStore(harness.database, harness.clock).orders.get(order.id)).toEqual(result.order);
  });

  it('when every given value is already the order\'s, then nothing is written', () => {
    const order = working();
    const before = head();
    expect(store.recordOrderAmended(order.id, { limitPrice: order.limitPrice, tif: order.tif })).toEqual({ order, previous: order, changed: false });
    expect(head()).toBe(before);
  });

  it('when a partly filled order is amended, then the quantity may go down to just above what filled, and fills complete it at the new quantity', () => {
    const order = working(newOrder({ clientOrderRef: store.nextClientOrderRef(), quantity: 5 }));
    store.recordFill(fillOf(order, { quantity: 2 }));
    expect(store.recordOrderAmended(order.id, { quantity: 3 }).order).toMatchObject({ quantity: 3, filledQuantity: 2, status: 'PARTIALLY_FILLED' });
    expectRefused(order, { quantity: 2 }, /quantity must be above the 2 already filled/);
    expect(store.recordFill(fillOf(order, { quantity: 1 })).order).toMatchObject({ status: 'FILLED', filledQuantity: 3, quantity: 3 });
  });

  it('when a price field does not fit the order type, then the amendment is refused naming the field', () => {
    const order = working();
    expectRefused(order, { stopPrice: 1 }, /stopPrice must be absent for a LMT order/);
    expectRefused(order, { limitPrice: -1 }, /limitPrice/);
    expectRefused(order, { trailingPercent: 5 }, /trailingPercent must be absent/);
  });

  it('when a combo is amended, then a credit (negative) net limit is accepted', () => {
    const combo = working(newComboOrder({ clientOrderRef: store.nextClientOrderRef() }));
    expect(store.recordOrderAmended(combo.id, { limitPrice: -0.8 }).order.limitPrice).toBe(-0.8);
  });

  it('when the input is empty, unknown, malformed or the quantity is not a positive integer, then it is refused and nothing is stored', () => {
    const order = working();
    expectRefused(order, {}, /changes must give at least one of/);
    expectRefused(order, { limitPrice: undefined }, /changes must give at least one of/);
    expectRefused(order, { type: 'MKT' } as unknown as OrderAmendment, /changes.type is not an amendable term/);
    expectRefused(order, { quantity: 1.5 }, /quantity/);
    expectRefused(order, { tif: 'FOK' } as unknown as OrderAmendment, /tif/);
    expect(() => store.recordOrderAmended(order.id, { limitPrice: 1.2 }, { requestSequence: 0 })).toThrow(/requestSequence/);
  });

  it('when the order is final or unknown, then the amendment is refused', () => {
    const order = working();
    store.recordOrderStatus(order.id, { type: 'CANCEL_CONFIRMED' });
    expectRefused(order, { limitPrice: 1.2 }, /status must not be final to amend order/);
    expect(() => store.recordOrderAmended('ord-ghost' as OrderId, { limitPrice: 1.2 })).toThrow(expect.objectContaining({ code: 'not-found' }));
  });

  it('when a session with amendments is replayed, then the rebuilt orders equal the stored ones', () => {
    const order = working(newOrder({ clientOrderRef: store.nextClientOrderRef(), quantity: 4 }));
    harness.clock.advance(500);
    store.recordOrderAmended(order.id, { limitPrice: 1.25 });
    store.recordFill(fillOf(order, { quantity: 1, price: 1.25 }));
    harness.clock.advance(500);
    store.recordOrderAmended(order.id, { quantity: 2, tif: 'GTC' });
    store.recordFill(fillOf(order, { quantity: 1, price: 1.25 }));
    const combo = working(newComboOrder({ clientOrderRef: store.nextClientOrderRef() }));
    store.recordOrderAmended(combo.id, { limitPrice: -0.9 });
    const replayed = replayTradingState(store.journal);
    expect(replayed.problems).toEqual([]);
    expect(replayed.orders).toEqual(new Map(store.orders.listAll().map((stored) => [stored.id, stored])));
    expect(replayed.orders.get(order.id)).toMatchObject({ status: 'FILLED', quantity: 2, filledQuantity: 2, limitPrice: 1.25, tif: 'GTC' });
  });

  it('when journaled amendments contradict the rules, then the replay lists each problem and leaves the order as it was', () => {
    const order = working();
    const amended = (sequence: number, orderId: string, changes: OrderAmendment) => ({ sequence, timestamp: 0, type: 'order.amended', payload: { orderId, time: 1, changes }, prevHash: '', hash: '' });
    const replayed = rebuildTradingState([...store.journal.read(), amended(1_001, 'ord-ghost', { limitPrice: 1.2 }), amended(1_002, order.id, { limitPrice: order.limitPrice }), amended(1_003, order.id, { quantity: 0 })]);
    expect(replayed.problems).toEqual([
      { sequence: 1_001, type: 'order.amended', message: "order 'ord-ghost' was never created" },
      { sequence: 1_002, type: 'order.amended', message: `amendment of order '${order.id}' changes nothing on replay; the journal recorded a change` },
      { sequence: 1_003, type: 'order.amended', message: 'quantity must be a positive integer, got 0' },
    ]);
    expect(replayed.orders.get(order.id)).toEqual(order);
  });
});
