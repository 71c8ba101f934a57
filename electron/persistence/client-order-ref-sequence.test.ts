import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClientOrderRefSequence } from './client-order-ref-sequence.ts';
import { OrderRepository } from './order.repository.ts';
import { createDatabaseHarness, type DatabaseHarness } from './testing/database-harness.ts';
import { newOrder } from './testing/trading-fixtures.ts';

let harness: DatabaseHarness;
let sequence: ClientOrderRefSequence;

beforeEach(() => {
  harness = createDatabaseHarness('client-order-ref-test-');
  sequence = new ClientOrderRefSequence(harness.database);
});

afterEach(() => harness.dispose());

describe('ClientOrderRefSequence', () => {
  it('when references are drawn, then they count up from OWS-000001', () => {
    expect(sequence.lastIssued()).toBe(0);
    expect([sequence.nextClientOrderRef(), sequence.nextClientOrderRef(), sequence.nextClientOrderRef()]).toEqual(['OWS-000001', 'OWS-000002', 'OWS-000003']);
    expect(sequence.lastIssued()).toBe(3);
  });

  it('when the database is closed and reopened, then the sequence continues and never repeats', () => {
    const before = [sequence.nextClientOrderRef(), sequence.nextClientOrderRef()];
    sequence = new ClientOrderRefSequence(harness.reopen());
    expect(sequence.nextClientOrderRef()).toBe('OWS-000003');
    expect(before).toEqual(['OWS-000001', 'OWS-000002']);
  });

  it('when an order is stored with a reference ahead of the counter, then the counter moves past it', () => {
    new OrderRepository(harness.database).insert(newOrder({ clientOrderRef: 'OWS-000050' }));
    expect(sequence.nextClientOrderRef()).toBe('OWS-000051');
  });

  it('when a reference was stored behind the counter by raw SQL, then it is skipped', () => {
    const order = new OrderRepository(harness.database).insert(newOrder({ clientOrderRef: 'OWS-000001' }));
    const otherColumns = (harness.database.connection.pragma('table_info(orders)') as Array<{ name: string }>).map((column) => column.name).filter((name) => !['id', 'client_order_ref'].includes(name));
    harness.database.connection
      .prepare(`INSERT INTO orders (id, client_order_ref, ${otherColumns.join(', ')}) SELECT 'ord-raw', 'OWS-000002', ${otherColumns.join(', ')} FROM orders WHERE id = ?`)
      .run(order.id);
    expect(sequence.lastIssued()).toBe(1);
    expect(sequence.nextClientOrderRef()).toBe('OWS-000003');
    expect(() => harness.database.connection.exec('UPDATE client_order_ref_sequence SET last_value = 0')).toThrow(/only move forward/);
  });

  it('when drawn inside an outer transaction that rolls back, then the number is drawn again', () => {
    expect(() =>
      harness.database.transaction(() => {
        sequence.nextClientOrderRef();
        throw new Error('order could not be saved');
      }),
    ).toThrow('order could not be saved');
    expect(sequence.nextClientOrderRef()).toBe('OWS-000001');
  });
});
