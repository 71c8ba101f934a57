import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClientOrderRef, OrderId, StrategyId } from '../../shared/domain/ids.ts';
import { restoreOrder, type Order } from '../../shared/domain/order.ts';
import { OrderRepository } from './order.repository.ts';
import { createDatabaseHarness, writeCorruptRow, type DatabaseHarness } from './testing/database-harness.ts';
import { fixtureTime, newComboOrder, newOrder, spy } from './testing/trading-fixtures.ts';

let harness: DatabaseHarness;
let orders: OrderRepository;

beforeEach(() => {
  harness = createDatabaseHarness('order-repository-test-');
  orders = new OrderRepository(harness.database);
});

afterEach(() => harness.dispose());

/** An order as the OMS would hold it later in life, with every optional field set. */
function fullyFilledOrder(): Order {
  const parent = orders.insert(newOrder());
  const order = newOrder({ type: 'TRAIL_LIMIT', limitPrice: undefined, trailingPercent: 12.5, stopPrice: 1.4, limitOffset: 0.05, parentId: parent.id, ocaGroup: 'oca-7', strategyId: 'stg-1', tif: 'GTC' });
  return restoreOrder({ ...order, brokerOrderId: 31, status: 'FILLED', filledQuantity: 2, averageFillPrice: 1.125, updatedAt: fixtureTime + 5, filledAt: fixtureTime + 4, statusMessage: 'done' });
}

describe('OrderRepository', () => {
  it('when an order with every optional field set is stored, then it reads back equal by id, reference and broker id', () => {
    const order = fullyFilledOrder();
    orders.insert(order);
    expect(orders.get(order.id)).toEqual(order);
    expect(orders.getByClientOrderRef(order.clientOrderRef)).toEqual(order);
    expect(orders.getByBrokerOrderId(31)).toEqual(order);
    expect(Object.isFrozen(orders.get(order.id))).toBe(true);
  });

  it('when an order has no optional fields, a combo has a negative limit or a stock order has a stop limit, then each reads back equal', () => {
    const plain = newOrder({ type: 'MKT', limitPrice: undefined });
    const combo = newComboOrder({ limitPrice: -0.85 });
    const stock = newOrder({ instrument: spy, action: 'BUY', quantity: 100, type: 'STP_LMT', limitPrice: 451.25, stopPrice: 450.5 });
    for (const order of [plain, combo, stock]) orders.insert(order);
    expect([plain, combo, stock].map((order) => orders.get(order.id))).toEqual([plain, combo, stock]);
    expect(Object.keys(orders.get(plain.id) ?? {}).sort()).toEqual(Object.keys(plain).sort());
    expect(orders.get('missing' as OrderId)).toBeUndefined();
  });

  it('when an id or a client order reference is stored already, then the insert is refused naming it and nothing changes', () => {
    const order = orders.insert(newOrder());
    expect(() => orders.insert(newOrder({ id: order.id }))).toThrow(expect.objectContaining({ code: 'conflict', message: expect.stringContaining(`order id '${order.id}' is already stored`) }));
    expect(() => orders.insert(newOrder({ clientOrderRef: order.clientOrderRef }))).toThrow(
      expect.objectContaining({ code: 'conflict', message: expect.stringContaining(`'${order.clientOrderRef}' is already used by order '${order.id}'`) }),
    );
    expect(orders.listAll()).toEqual([order]);
  });

  it('when the order is invalid or names a parent that is not stored, then it is refused with a clear error and nothing is stored', () => {
    const order = newOrder();
    expect(() => orders.insert({ ...order, limitPrice: Number.NaN })).toThrow(expect.objectContaining({ code: 'validation', message: expect.stringContaining('limitPrice must be a finite price') }));
    expect(() => orders.insert({ ...order, status: 'FILLED' })).toThrow(/filledQuantity must equal quantity/);
    expect(() => orders.insert(null as unknown as Order)).toThrow(expect.objectContaining({ code: 'validation' }));
    expect(() => orders.insert(newOrder({ parentId: 'ord-ghost' }))).toThrow(/parent order 'ord-ghost', which is not stored/);
    expect(orders.listAll()).toEqual([]);
  });

  it('when the state of an order is updated, then only its changing fields are written', () => {
    const order = orders.insert(newOrder());
    const working = restoreOrder({ ...order, status: 'SUBMITTED', brokerOrderId: 7, updatedAt: order.createdAt + 10 });
    orders.updateState(working);
    expect(orders.get(order.id)).toEqual(working);
    expect(() => orders.updateState({ ...working, limitPrice: 9.99 })).not.toThrow();
    expect(orders.get(order.id)?.limitPrice).toBe(order.limitPrice);
    expect(() => orders.updateState(newOrder())).toThrow(expect.objectContaining({ code: 'not-found' }));
  });

  it('when the terms of an order are updated, then only the amendable terms and the updated time are written', () => {
    const order = orders.insert(newOrder());
    const amended = restoreOrder({ ...order, quantity: 5, tif: 'GTC', limitPrice: 1.3, updatedAt: order.createdAt + 10 });
    orders.updateTerms({ ...amended, status: 'SUBMITTED', brokerOrderId: 7 });
    expect(orders.get(order.id)).toEqual(amended);
    expect(() => orders.updateTerms({ ...amended, limitPrice: undefined })).toThrow(expect.objectContaining({ code: 'validation' }));
    expect(() => orders.updateTerms(newOrder())).toThrow(expect.objectContaining({ code: 'not-found' }));
  });

  it('when orders are listed, then working ones, those of a strategy and all come oldest first', () => {
    const created = orders.insert(newOrder({ strategyId: 'stg-a' }, fixtureTime));
    const submitted = orders.insert(restoreOrder({ ...newOrder({ strategyId: 'stg-a' }, fixtureTime + 1), status: 'SUBMITTED' }));
    const cancelling = orders.insert(restoreOrder({ ...newOrder({}, fixtureTime + 2), status: 'PENDING_CANCEL' }));
    expect(orders.listWorking()).toEqual([submitted, cancelling]);
    expect(orders.listByStrategy('stg-a' as StrategyId)).toEqual([created, submitted]);
    expect(orders.listAll()).toEqual([created, submitted, cancelling]);
  });

  it('when two orders share a broker order id, then the newest one is returned', () => {
    orders.insert(restoreOrder({ ...newOrder({}, fixtureTime), brokerOrderId: 5 }));
    const newer = orders.insert(restoreOrder({ ...newOrder({}, fixtureTime + 1), brokerOrderId: 5 }));
    expect(orders.getByBrokerOrderId(5)).toEqual(newer);
    expect(orders.getByBrokerOrderId(6)).toBeUndefined();
  });

  it('when the database is closed and reopened, then the orders are still there', () => {
    const order = fullyFilledOrder();
    orders.insert(order);
    orders = new OrderRepository(harness.reopen());
    expect(orders.get(order.id)).toEqual(order);
    expect(orders.listAll()).toHaveLength(2);
  });

  it('when a stored row is corrupt, then reading it fails fast with corrupt-data naming the order', () => {
    const order = orders.insert(newOrder());
    writeCorruptRow(harness.database, "UPDATE orders SET instrument = '{\"kind\":\"option\",\"underlyingSymbol\":\"SPY\"}' WHERE id = ?", order.id);
    expect(() => orders.get(order.id)).toThrow(expect.objectContaining({ code: 'corrupt-data', message: expect.stringContaining(`orders row '${order.id}': does not hold a valid order: instrument.expiry`) }));
    expect(() => orders.listAll()).toThrow(/corrupt|does not hold a valid order/);
    const other = orders.insert(newOrder());
    writeCorruptRow(harness.database, "UPDATE orders SET instrument_key = 'QQQ' WHERE id = ?", other.id);
    expect(() => orders.getByClientOrderRef(other.clientOrderRef as ClientOrderRef)).toThrow(/instrument_key or instrument_kind does not match/);
    const third = orders.insert(newOrder());
    writeCorruptRow(harness.database, "UPDATE orders SET status = 'FILLED', filled_quantity = 0 WHERE id = ?", third.id);
    expect(() => orders.get(third.id)).toThrow(expect.objectContaining({ code: 'corrupt-data' }));
  });
});
