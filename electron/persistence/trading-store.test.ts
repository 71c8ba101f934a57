import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFill } from '../../shared/domain/fill.ts';
import type { ExecutionId, OrderId } from '../../shared/domain/ids.ts';
import type { Order } from '../../shared/domain/order.ts';
import { TRADING_JOURNAL_TYPES } from './journal/trading-entry-types.ts';
import { createDatabaseHarness, type DatabaseHarness } from './testing/database-harness.ts';
import { dollars, fillOf, longPut, newOrder } from './testing/trading-fixtures.ts';
import { TradingStore } from './trading-store.ts';

let harness: DatabaseHarness;
let store: TradingStore;

beforeEach(() => {
  harness = createDatabaseHarness('trading-store-test-');
  store = new TradingStore(harness.database, harness.clock);
});

afterEach(() => harness.dispose());

const head = () => store.journal.head().sequence;
const lastEntry = () => store.journal.read().at(-1);

function working(): Order {
  const order = store.recordOrderCreated(newOrder({ clientOrderRef: store.nextClientOrderRef() }));
  store.recordOrderStatus(order.id, { type: 'SUBMIT_SENT' }, { brokerOrderId: 11 });
  const result = store.recordOrderStatus(order.id, { type: 'ACKNOWLEDGED' });
  return result.order;
}

describe('TradingStore orders', () => {
  it('when an order is created, then the journal entry, the order row and its CREATED event are written together', () => {
    const order = store.recordOrderCreated(newOrder({ clientOrderRef: store.nextClientOrderRef() }));
    expect(store.orders.get(order.id)).toEqual(order);
    expect(lastEntry()).toMatchObject({ sequence: 1, type: 'order.created', payload: { order: { id: order.id, status: 'CREATED' }, time: harness.clock.now() } });
    expect(store.orderEvents.listByOrder(order.id)).toEqual([expect.objectContaining({ event: 'CREATED', outcome: 'created', toStatus: 'CREATED', journalSequence: 1 })]);
  });

  it('when the order cannot be stored, then the journal entry is rolled back with it', () => {
    const order = store.recordOrderCreated(newOrder());
    expect(() => store.recordOrderCreated(newOrder({ id: order.id }))).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(() => store.recordOrderCreated(newOrder({ parentId: 'ord-ghost' }))).toThrow(/not stored/);
    expect(head()).toBe(1);
    expect(store.journal.verify()).toMatchObject({ ok: true, entries: 1 });
  });

  it('when legal status events arrive, then each is journaled and applied; a repeat writes nothing', () => {
    const order = working();
    expect(order).toMatchObject({ status: 'SUBMITTED', brokerOrderId: 11 });
    const before = head();
    expect(store.recordOrderStatus(order.id, { type: 'ACKNOWLEDGED' }, { brokerOrderId: 11 })).toEqual({ ok: true, order, changed: false });
    expect(head()).toBe(before);
    expect(store.orderEvents.listByOrder(order.id).map((event) => `${event.event}:${event.fromStatus ?? '-'}→${event.toStatus}`)).toEqual([
      'CREATED:-→CREATED', 'SUBMIT_SENT:CREATED→PENDING_SUBMIT', 'ACKNOWLEDGED:PENDING_SUBMIT→SUBMITTED',
    ]);
  });

  it('when an illegal event arrives, then it is journaled and kept as a refused event, reported as an error and not applied', () => {
    const order = store.recordOrderCreated(newOrder());
    const result = store.recordOrderStatus(order.id, { type: 'ACKNOWLEDGED' }, { message: 'late' });
    expect(result).toEqual({ ok: false, order, error: 'illegal transition: ACKNOWLEDGED after CREATED' });
    expect(lastEntry()).toMatchObject({ type: 'order.status', payload: { outcome: 'refused', status: 'CREATED', error: 'illegal transition: ACKNOWLEDGED after CREATED', message: 'late' } });
    expect(store.orderEvents.listRefused()).toEqual([expect.objectContaining({ orderId: order.id, event: 'ACKNOWLEDGED', fromStatus: 'CREATED', toStatus: undefined, message: 'late' })]);
    expect(store.orders.get(order.id)).toEqual(order);
  });

  it('when a cancel is rejected, then the order returns to working and the event keeps the filled quantity it carried', () => {
    const order = working();
    store.recordOrderStatus(order.id, { type: 'CANCEL_REQUESTED' });
    const result = store.recordOrderStatus(order.id, { type: 'CANCEL_REJECTED', filledQuantity: 0 }, { message: 'Error 161: not cancellable' });
    expect(result).toMatchObject({ ok: true, changed: true, order: { status: 'SUBMITTED', statusMessage: undefined } });
    expect(store.orderEvents.listByOrder(order.id).at(-1)).toMatchObject({ event: 'CANCEL_REJECTED', fromStatus: 'PENDING_CANCEL', toStatus: 'SUBMITTED', cancelFilledQuantity: 0, message: 'Error 161: not cancellable' });
    expect(lastEntry()?.payload).toMatchObject({ event: { type: 'CANCEL_REJECTED', filledQuantity: 0 }, outcome: 'applied', status: 'SUBMITTED' });
  });

  it('when the order is unknown or the event malformed, then it is refused before anything is written', () => {
    const order = store.recordOrderCreated(newOrder());
    expect(() => store.recordOrderStatus('ord-ghost' as OrderId, { type: 'ACKNOWLEDGED' })).toThrow(expect.objectContaining({ code: 'not-found' }));
    expect(() => store.recordOrderStatus(order.id, { type: 'SUBMITTED' as never })).toThrow(expect.objectContaining({ code: 'validation', message: expect.stringContaining('event.type must be one of') }));
    expect(() => store.recordOrderStatus(order.id, { type: 'CANCEL_REJECTED' } as never)).toThrow(/event.filledQuantity/);
    expect(() => store.recordOrderStatus(order.id, { type: 'SUBMIT_SENT' }, { brokerOrderId: -1 })).toThrow(/brokerOrderId/);
    expect(head()).toBe(1);
  });
});

describe('TradingStore fills and commissions', () => {
  it('when an execution arrives, then journal, fill and order are written together; the same execution again writes nothing', () => {
    const order = working();
    const fill = fillOf(order, { quantity: 1, price: 1.1 });
    const result = store.recordFill(fill);
    expect(result).toMatchObject({ status: 'recorded', fill, order: { status: 'PARTIALLY_FILLED', filledQuantity: 1, averageFillPrice: 1.1 }, orderUpdate: { ok: true } });
    expect(lastEntry()).toMatchObject({ type: 'fill.recorded', payload: { fill: { id: fill.id }, outcome: 'applied', status: 'PARTIALLY_FILLED' } });
    const before = head();
    expect(store.recordFill(fill)).toEqual({ status: 'already-recorded', fill, order: result.order });
    expect(head()).toBe(before);
    expect(store.fills.totalsByOrder(order.id).quantity).toBe(1);
    expect(() => store.recordFill(createFill({ ...fill, price: 9 }))).toThrow(expect.objectContaining({ code: 'conflict' }));
  });

  it('when an execution does not belong to its order, then nothing is stored', () => {
    const order = working();
    expect(() => store.recordFill(fillOf(order, { contract: longPut }))).toThrow(expect.objectContaining({ code: 'validation', message: expect.stringContaining("must be the order's contract") }));
    expect(() => store.recordFill(fillOf({ ...order, id: 'ord-ghost' } as Order))).toThrow(expect.objectContaining({ code: 'not-found' }));
    expect(store.fills.listAll()).toEqual([]);
    expect(store.journal.read({ types: ['fill.recorded'] })).toEqual([]);
  });

  it('when a fill arrives after the order was cancelled, then the fill counts but the order change is refused and recorded', () => {
    const order = working();
    store.recordOrderStatus(order.id, { type: 'CANCEL_REQUESTED' });
    store.recordOrderStatus(order.id, { type: 'CANCEL_CONFIRMED' }, { message: 'Cancelled by user' });
    const late = fillOf(order, { quantity: 2 });
    const result = store.recordFill(late);
    expect(result).toMatchObject({ status: 'recorded', order: { status: 'CANCELLED', filledQuantity: 0, statusMessage: 'Cancelled by user' }, orderUpdate: { ok: false, error: 'illegal transition: FILL after CANCELLED' } });
    expect(store.fills.get(late.id)).toEqual(late);
    expect(store.orderEvents.listRefused()).toEqual([expect.objectContaining({ event: 'FILL', executionId: late.id, fromStatus: 'CANCELLED' })]);
  });

  it('when a commission report arrives, then it is booked once; a different second amount is refused', () => {
    const order = working();
    const fill = fillOf(order, { quantity: 2 });
    store.recordFill(fill);
    expect(store.recordCommission(fill.id, dollars(1.3))).toMatchObject({ status: 'recorded', fill: { commission: dollars(1.3) } });
    const before = head();
    expect(store.recordCommission(fill.id, dollars(1.3)).status).toBe('already-recorded');
    expect(() => store.recordCommission(fill.id, dollars(2))).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(() => store.recordCommission('exec-ghost' as ExecutionId, dollars(1))).toThrow(expect.objectContaining({ code: 'not-found' }));
    expect(() => store.recordCommission(fill.id, dollars(-1))).toThrow(expect.objectContaining({ code: 'validation' }));
    expect(head()).toBe(before);
    expect(store.fills.get(fill.id)?.commission).toBe(dollars(1.3));
  });

  it('when the database is reopened, then orders, fills and the reference sequence carry on', () => {
    const order = working();
    store.recordFill(fillOf(order, { quantity: 2 }));
    store = new TradingStore(harness.reopen(), harness.clock);
    expect(store.orders.get(order.id)).toMatchObject({ status: 'FILLED', filledQuantity: 2 });
    expect(store.nextClientOrderRef()).toBe('OWS-000002');
    expect(store.journal.verify().ok).toBe(true);
  });

  it('when entries are written, then every type is one of the documented trading journal types', () => {
    const order = working();
    store.recordFill(fillOf(order));
    store.recordOrderStatus(order.id, { type: 'HELD' });
    for (const entry of store.journal.read()) expect(TRADING_JOURNAL_TYPES).toContain(entry.type);
  });
});
