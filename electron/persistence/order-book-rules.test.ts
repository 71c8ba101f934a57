import { describe, expect, it } from 'vitest';
import { restoreOrder, type Order } from '../../shared/domain/order.ts';
import type { OrderStatus } from '../../shared/domain/order-types.ts';
import { applyFillToOrder, applyStatusUpdate, fillProgress } from './order-book-rules.ts';
import { fillOf, fixtureTime, longPut, newComboOrder, newOrder } from './testing/trading-fixtures.ts';

const at = (order: Order, status: OrderStatus, changes: Partial<Order> = {}): Order => restoreOrder({ ...order, status, ...changes });
const later = fixtureTime + 5_000;

describe('applyStatusUpdate', () => {
  it('when a legal event arrives, then the new status, broker id and time are applied', () => {
    const order = newOrder();
    const change = applyStatusUpdate(order, { event: { type: 'SUBMIT_SENT' }, time: later, brokerOrderId: 17 });
    expect(change).toMatchObject({ outcome: 'applied', event: 'SUBMIT_SENT', order: { status: 'PENDING_SUBMIT', brokerOrderId: 17, updatedAt: later } });
  });

  it('when the same status is reported again with nothing new, then it is unchanged', () => {
    const order = at(newOrder(), 'SUBMITTED', { brokerOrderId: 17 });
    expect(applyStatusUpdate(order, { event: { type: 'ACKNOWLEDGED' }, time: later, brokerOrderId: 17 })).toEqual({ outcome: 'unchanged', order });
  });

  it('when a late SUBMITTED arrives after FILLED, then it is refused and the order is kept', () => {
    const order = at(newOrder(), 'FILLED', { filledQuantity: 2, averageFillPrice: 1.15, filledAt: later });
    expect(applyStatusUpdate(order, { event: { type: 'ACKNOWLEDGED' }, time: later })).toEqual({ outcome: 'refused', event: 'ACKNOWLEDGED', order, error: 'illegal transition: ACKNOWLEDGED after FILLED' });
  });

  it('when a broker id differs from the recorded one, then the event is refused', () => {
    const order = at(newOrder(), 'PENDING_SUBMIT', { brokerOrderId: 17 });
    expect(applyStatusUpdate(order, { event: { type: 'ACKNOWLEDGED' }, time: later, brokerOrderId: 18 })).toMatchObject({ outcome: 'refused', error: 'broker order id 18 differs from the recorded 17' });
  });

  it('when a status report says filled, then it is refused: the executions decide the filled quantity', () => {
    const order = at(newOrder(), 'SUBMITTED');
    expect(applyStatusUpdate(order, { event: { type: 'FILL' }, time: later })).toMatchObject({ outcome: 'refused', error: expect.stringContaining('applied when its executions are recorded') });
  });

  it('when an order is rejected or cancelled with a message, then the message is kept; a repeated death changes nothing', () => {
    const rejected = applyStatusUpdate(at(newOrder(), 'PENDING_SUBMIT'), { event: { type: 'REJECTED' }, time: later, message: 'Error 201: margin' });
    expect(rejected).toMatchObject({ outcome: 'applied', order: { status: 'REJECTED', statusMessage: 'Error 201: margin' } });
    expect(applyStatusUpdate(rejected.order, { event: { type: 'CANCEL_CONFIRMED' }, time: later + 1, message: 'Cancelled' }).outcome).toBe('unchanged');
    const acknowledged = applyStatusUpdate(at(newOrder(), 'PENDING_SUBMIT'), { event: { type: 'ACKNOWLEDGED' }, time: later, message: 'working' });
    expect(acknowledged.order.statusMessage).toBeUndefined();
  });

  it('when a cancel is rejected after a partial fill, then the order returns to PARTIALLY_FILLED', () => {
    const order = at(newOrder(), 'PENDING_CANCEL', { filledQuantity: 1, averageFillPrice: 1.15 });
    expect(applyStatusUpdate(order, { event: { type: 'CANCEL_REJECTED', filledQuantity: 1 }, time: later })).toMatchObject({ outcome: 'applied', order: { status: 'PARTIALLY_FILLED' } });
  });
});

describe('applyFillToOrder', () => {
  it('when executions fill a single-contract order in parts, then quantity, average price and status follow', () => {
    const order = at(newOrder(), 'SUBMITTED');
    const first = fillOf(order, { quantity: 1, price: 1.1 });
    const partial = applyFillToOrder(order, [], first, later);
    expect(partial).toMatchObject({ outcome: 'applied', event: 'PARTIAL_FILL', order: { status: 'PARTIALLY_FILLED', filledQuantity: 1, averageFillPrice: 1.1, filledAt: undefined } });
    const second = fillOf(order, { quantity: 1, price: 1.2, time: later + 3 });
    const filled = applyFillToOrder(partial.order, [first], second, later + 5);
    expect(filled).toMatchObject({ outcome: 'applied', event: 'FILL', order: { status: 'FILLED', filledQuantity: 2, averageFillPrice: 1.15, filledAt: later + 3, updatedAt: later + 5 } });
  });

  it('when a fill arrives during PENDING_CANCEL, then it is applied (the cancel raced the fill)', () => {
    const order = at(newOrder(), 'PENDING_CANCEL');
    expect(applyFillToOrder(order, [], fillOf(order, { quantity: 2 }), later)).toMatchObject({ outcome: 'applied', order: { status: 'FILLED' } });
  });

  it('when a fill arrives after CANCELLED or would overfill, then the order change is refused', () => {
    const cancelled = at(newOrder(), 'CANCELLED', { filledQuantity: 1, averageFillPrice: 1.15 });
    const earlier = fillOf(cancelled);
    expect(applyFillToOrder(cancelled, [earlier], fillOf(cancelled), later)).toMatchObject({ outcome: 'refused', event: 'FILL', error: 'illegal transition: FILL after CANCELLED', order: cancelled });
    const filled = at(newOrder(), 'FILLED', { filledQuantity: 2, averageFillPrice: 1.15, filledAt: later });
    const both = fillOf(filled, { quantity: 2 });
    expect(applyFillToOrder(filled, [both], fillOf(filled), later)).toMatchObject({ outcome: 'refused', error: expect.stringContaining('overfill') });
  });

  it('when a fill is for another contract, side or order, then it is refused as not belonging (throws)', () => {
    const order = at(newOrder(), 'SUBMITTED');
    expect(() => applyFillToOrder(order, [], fillOf(order, { contract: longPut }), later)).toThrow(/fills\[0\]\.contract must be the order's contract/);
    expect(() => applyFillToOrder(order, [], fillOf(order, { action: 'BUY' }), later)).toThrow(/fills\[0\]\.action must be the order's action SELL/);
    expect(() => applyFillToOrder(order, [], fillOf(newOrder()), later)).toThrow(/fills\[0\]\.orderId must be/);
  });

  it('when combo legs fill unevenly, then only complete units count and the price is the net of the leg averages', () => {
    const order = at(newComboOrder(), 'SUBMITTED');
    const short = fillOf(order, { legIndex: 0, quantity: 2, price: 1.15 });
    expect(applyFillToOrder(order, [], short, later)).toEqual({ outcome: 'unchanged', order });
    const long = fillOf(order, { legIndex: 1, quantity: 1, price: 0.3 });
    const oneUnit = applyFillToOrder(order, [short], long, later);
    expect(oneUnit).toMatchObject({ outcome: 'applied', event: 'PARTIAL_FILL', order: { filledQuantity: 1, averageFillPrice: -0.85 } });
    const secondLong = fillOf(order, { legIndex: 1, quantity: 1, price: 0.4 });
    expect(fillProgress(order, [short, long, secondLong])).toEqual({ filledQuantity: 2, averageFillPrice: -0.8 });
    expect(() => fillProgress(order, [fillOf(order, { legIndex: 5 })])).toThrow(/legIndex must be a leg index from 0 to 1/);
  });
});
