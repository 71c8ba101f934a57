import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderId } from '../../shared/domain/ids.ts';
import { OrderEventRepository } from './order-event.repository.ts';
import type { NewOrderEventRecord } from './order-event-record.ts';
import { OrderRepository } from './order.repository.ts';
import { createDatabaseHarness, writeCorruptRow, type DatabaseHarness } from './testing/database-harness.ts';
import { fixtureTime, newOrder } from './testing/trading-fixtures.ts';

let harness: DatabaseHarness;
let events: OrderEventRepository;
let orderId: OrderId;

beforeEach(() => {
  harness = createDatabaseHarness('order-event-repository-test-');
  events = new OrderEventRepository(harness.database);
  orderId = new OrderRepository(harness.database).insert(newOrder()).id;
});

afterEach(() => harness.dispose());

const created = (): NewOrderEventRecord => ({ orderId, time: fixtureTime, event: 'CREATED', outcome: 'created', toStatus: 'CREATED', journalSequence: 1 });

describe('OrderEventRepository', () => {
  it('when created, applied and refused events are appended, then the history reads back in order with every field', () => {
    const first = events.append(created());
    const second = events.append({ orderId, time: fixtureTime + 1, event: 'CANCEL_REJECTED', outcome: 'applied', fromStatus: 'PENDING_CANCEL', toStatus: 'SUBMITTED', cancelFilledQuantity: 0, message: 'Order already filled' });
    const third = events.append({ orderId, time: fixtureTime + 2, event: 'ACKNOWLEDGED', outcome: 'refused', fromStatus: 'FILLED', error: 'illegal transition: ACKNOWLEDGED after FILLED' });
    expect(events.listByOrder(orderId)).toEqual([first, second, third]);
    expect(first).toMatchObject({ id: 1, fromStatus: undefined, executionId: undefined, message: undefined, error: undefined });
    expect(third).toMatchObject({ id: 3, toStatus: undefined, journalSequence: undefined });
    expect(events.listRefused()).toEqual([third]);
    expect(events.listRefused({ since: fixtureTime + 3 })).toEqual([]);
  });

  it('when a record contradicts itself or names an unknown order, then it is refused and nothing is stored', () => {
    expect(() => events.append({ ...created(), outcome: 'applied' })).toThrow(expect.objectContaining({ code: 'validation', message: expect.stringContaining("outcome must be 'created'") }));
    expect(() => events.append({ orderId, time: 1, event: 'ACKNOWLEDGED', outcome: 'refused', fromStatus: 'FILLED' })).toThrow(/error must be set/);
    expect(() => events.append({ orderId, time: 1, event: 'CANCEL_REJECTED', outcome: 'applied', fromStatus: 'SUBMITTED', toStatus: 'SUBMITTED' })).toThrow(/cancelFilledQuantity/);
    expect(() => events.append({ ...created(), orderId: 'ord-ghost' as OrderId })).toThrow(expect.objectContaining({ code: 'validation', message: expect.stringContaining('foreign-key') }));
    expect(events.listByOrder(orderId)).toEqual([]);
  });

  it('when the database is reopened, then the history is still there', () => {
    const first = events.append(created());
    events = new OrderEventRepository(harness.reopen());
    expect(events.listByOrder(orderId)).toEqual([first]);
  });

  it('when a stored row is corrupt, then reading fails with corrupt-data naming the row', () => {
    events.append(created());
    writeCorruptRow(harness.database, "INSERT INTO order_events (order_id, time, event, outcome, from_status, to_status) VALUES (?, 5, 'ACKNOWLEDGED', 'applied', 'SUBMITTED', 'BOGUS')", orderId);
    expect(() => events.listByOrder(orderId)).toThrow(expect.objectContaining({ code: 'corrupt-data', message: expect.stringContaining('order_events row 2: does not hold a valid order event: toStatus') }));
  });
});
