import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contractKey } from '../../shared/domain/contract.ts';
import { createFill } from '../../shared/domain/fill.ts';
import type { ExecutionId } from '../../shared/domain/ids.ts';
import { fromDollars, ZERO_MONEY } from '../../shared/domain/money.ts';
import type { Order } from '../../shared/domain/order.ts';
import { FillRepository } from './fill.repository.ts';
import { OrderRepository } from './order.repository.ts';
import { createDatabaseHarness, writeCorruptRow, type DatabaseHarness } from './testing/database-harness.ts';
import { fillOf, longPut, newComboOrder, newOrder, shortPut } from './testing/trading-fixtures.ts';

let harness: DatabaseHarness;
let fills: FillRepository;
let order: Order;
let combo: Order;

beforeEach(() => {
  harness = createDatabaseHarness('fill-repository-test-');
  fills = new FillRepository(harness.database, harness.clock);
  const orders = new OrderRepository(harness.database);
  order = orders.insert(newOrder());
  combo = orders.insert(newComboOrder());
});

afterEach(() => harness.dispose());

describe('FillRepository', () => {
  it('when fills of a single contract and of combo legs are stored, then every field reads back equal in recorded order', () => {
    const single = fillOf(order, { quantity: 2, price: 1.1, commission: fromDollars(1.3) });
    const leg0 = fillOf(combo, { legIndex: 0, price: 2.05 });
    const leg1 = fillOf(combo, { legIndex: 1, price: 0 });
    for (const fill of [single, leg0, leg1]) expect(fills.insert(fill)).toEqual({ status: 'recorded', fill });
    expect(fills.get(single.id)).toEqual(single);
    expect(fills.listByOrder(combo.id)).toEqual([leg0, leg1]);
    expect(fills.listAll()).toEqual([single, leg0, leg1]);
    expect(fills.listByContract(contractKey(shortPut))).toEqual([single, leg0]);
    expect(fills.listByContract(contractKey(longPut))).toEqual([leg1]);
    expect(fills.get(single.id)?.legIndex).toBeUndefined();
  });

  it('when the same execution arrives again, then it is reported already recorded and nothing is counted twice', () => {
    const fill = fillOf(order, { quantity: 2 });
    fills.insert(fill);
    expect(fills.insert(fill)).toEqual({ status: 'already-recorded', fill });
    expect(fills.insert(createFill({ ...fill, commission: fromDollars(0.65) }))).toEqual({ status: 'already-recorded', fill });
    expect(fills.totalsByOrder(order.id)).toEqual({ count: 1, quantity: 2, commission: ZERO_MONEY });
  });

  it('when an execution id comes back with different content, then it is refused as a conflict and the stored fill stays', () => {
    const fill = fillOf(order);
    fills.insert(fill);
    expect(() => fills.insert(createFill({ ...fill, quantity: 5 }))).toThrow(expect.objectContaining({ code: 'conflict', message: expect.stringContaining(`execution '${fill.id}' is already stored with different content`) }));
    expect(fills.listAll()).toEqual([fill]);
  });

  it('when a fill is invalid or names an unknown order, then it is refused with a clear error and nothing is stored', () => {
    const fill = fillOf(order);
    expect(() => fills.insert({ ...fill, quantity: 0 })).toThrow(expect.objectContaining({ code: 'validation', message: expect.stringContaining('quantity must be a positive integer') }));
    expect(() => fills.insert({ ...fill, commission: -1 as never })).toThrow(/commission must be at least 0/);
    expect(() => fills.insert(fillOf({ ...order, id: 'ord-ghost' } as Order))).toThrow(expect.objectContaining({ code: 'validation', message: expect.stringContaining('foreign-key') }));
    expect(fills.listAll()).toEqual([]);
  });

  it('when a commission arrives later, then it is set on the fill and the totals include it', () => {
    const fill = fillOf(order, { quantity: 2 });
    fills.insert(fill);
    const { before, after } = fills.setCommission(fill.id, fromDollars(1.3));
    expect([before.commission, after.commission]).toEqual([ZERO_MONEY, fromDollars(1.3)]);
    expect(fills.get(fill.id)).toEqual(after);
    expect(fills.totalsByOrder(order.id)).toEqual({ count: 1, quantity: 2, commission: fromDollars(1.3) });
    expect(() => fills.setCommission('nope' as ExecutionId, ZERO_MONEY)).toThrow(expect.objectContaining({ code: 'not-found' }));
    expect(() => fills.setCommission(fill.id, -5 as never)).toThrow(expect.objectContaining({ code: 'validation' }));
  });

  it('when the database is reopened, then the fills are still there and still deduplicated', () => {
    const fill = fillOf(order);
    fills.insert(fill);
    fills = new FillRepository(harness.reopen(), harness.clock);
    expect(fills.listAll()).toEqual([fill]);
    expect(fills.insert(fill).status).toBe('already-recorded');
  });

  it('when a stored row is corrupt, then reading fails with corrupt-data naming the execution', () => {
    const fill = fillOf(order);
    fills.insert(fill);
    writeCorruptRow(harness.database, 'DROP TRIGGER fills_immutable');
    writeCorruptRow(harness.database, "UPDATE fills SET contract = '{\"kind\":\"option\",\"strike\":-1}' WHERE execution_id = ?", fill.id);
    expect(() => fills.get(fill.id)).toThrow(expect.objectContaining({ code: 'corrupt-data', message: expect.stringContaining(`fills row '${fill.id}': does not hold a valid fill`) }));
    expect(() => fills.listByOrder(order.id)).toThrow(expect.objectContaining({ code: 'corrupt-data' }));
  });
});
