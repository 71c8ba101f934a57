import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contractKey } from '../../../shared/domain/contract.ts';
import type { OrderId } from '../../../shared/domain/ids.ts';
import { createDatabaseHarness, type DatabaseHarness } from '../testing/database-harness.ts';
import { runTradingScenario, type ScenarioResult } from '../testing/trading-scenario.ts';
import { dollars, fillOf, newOrder, shortPut, spy } from '../testing/trading-fixtures.ts';
import { TradingStore } from '../trading-store.ts';
import { positionsFromFills } from './position-book.ts';
import { rebuildTradingState, replayTradingState, type ReplayedTradingState } from './state-replay.ts';

let harness: DatabaseHarness;
let store: TradingStore;
let scenario: ScenarioResult;

beforeEach(() => {
  harness = createDatabaseHarness('state-replay-test-');
  store = new TradingStore(harness.database, harness.clock);
  scenario = runTradingScenario(store, harness.clock);
});

afterEach(() => harness.dispose());

/** The state as the repositories hold it, in the replay's shape. */
function storedState(current: TradingStore) {
  return {
    orders: new Map(current.orders.listAll().map((order) => [order.id, order])),
    fills: new Map(current.fills.listAll().map((fill) => [fill.id, fill])),
    positions: positionsFromFills(current.fills.listAll()),
    strategies: new Map(current.records.strategies.listAll().map((strategy) => [strategy.id, strategy])),
  };
}

function expectMatchesStore(replayed: ReplayedTradingState, current: TradingStore): void {
  const stored = storedState(current);
  expect(replayed.problems).toEqual([]);
  expect(replayed.orders).toEqual(stored.orders);
  expect(replayed.fills).toEqual(stored.fills);
  expect(replayed.positions).toEqual(stored.positions);
  expect(replayed.strategies).toEqual(stored.strategies);
}

/** Rewrites a journal row behind the API, as someone with the file and the sqlite3 shell could. */
function tamper(sql: string, ...parameters: unknown[]): void {
  const connection = harness.database.connection;
  for (const trigger of ['journal_no_update', 'journal_no_delete']) connection.exec(`DROP TRIGGER IF EXISTS ${trigger}`);
  connection.prepare(sql).run(...parameters);
}

describe('replayTradingState', () => {
  it('when a realistic session was recorded, then the replayed orders, fills, positions and strategies equal the repositories', () => {
    const replayed = replayTradingState(store.journal);
    expectMatchesStore(replayed, store);
    expect(replayed.lastSequence).toBe(store.journal.head().sequence);
    const { option, combo, stock, rejected, closing } = scenario.orders;
    expect([option.status, combo.status, stock.status, rejected.status, closing.status]).toEqual(['FILLED', 'FILLED', 'CANCELLED', 'REJECTED', 'FILLED']);
    expect([stock.filledQuantity, combo.filledQuantity, combo.averageFillPrice]).toEqual([60, 3, -0.833333]); // (−(2 × 1.15 + 1.20) + (0.30 + 2 × 0.35)) / 3
    expect(scenario.refusals).toBe(3);
    expect(store.orderEvents.listRefused().map((event) => `${event.event} after ${event.fromStatus}`)).toEqual(['ACKNOWLEDGED after FILLED', 'PARTIAL_FILL after CANCELLED', 'SUBMIT_SENT after REJECTED']);
    expect(store.fills.totalsByOrder(option.id)).toEqual({ count: 2, quantity: 2, commission: dollars(1.3) });
  });

  it('when the session is replayed, then the money is exact: the closing order realizes P&L and the late fill counts', () => {
    const { positions } = replayTradingState(store.journal);
    // Sold 1 @ 1.20 + 1 @ 1.10 + 2 @ 1.15 + 1 @ 1.20 (combo leg) = $580 for 5; bought 2 back @ 0.40 ($80):
    // 2/5 of the basis ($232) leaves, $152 is realized, minus $3.90 of commissions.
    expect(positions.get(contractKey(shortPut))).toMatchObject({ quantity: -3, costBasis: dollars(-348), realizedPnl: dollars(148.1), commissions: dollars(3.9) });
    expect(positions.get(contractKey(spy))).toMatchObject({ quantity: 70, costBasis: dollars(40 * 450.25 + 30 * 450.5) });
  });

  it('when the database is closed and reopened, then the replay gives the same state', () => {
    const before = replayTradingState(store.journal);
    store = new TradingStore(harness.reopen(), harness.clock);
    const after = replayTradingState(store.journal);
    expect(after).toEqual(before);
    expectMatchesStore(after, store);
  });

  it('when a journal payload was edited behind its back, then the replay is refused naming the sequence', () => {
    const entry = store.journal.read({ types: ['fill.recorded'] })[0];
    if (entry === undefined) throw new Error('the scenario recorded no fill');
    tamper("UPDATE journal SET payload = json_set(payload, '$.fill.quantity', 2) WHERE sequence = ?", entry.sequence);
    expect(() => replayTradingState(store.journal)).toThrow(
      expect.objectContaining({ code: 'corrupt-data', message: expect.stringContaining(`the journal failed verification at sequence ${entry.sequence} (hash-mismatch)`) }),
    );
  });

  it('when entries were cut from the tail, then the replay is refused as truncated', () => {
    tamper('DELETE FROM journal WHERE sequence > ?', store.journal.head().sequence - 2);
    expect(() => replayTradingState(store.journal)).toThrow(/\(truncated\)/);
  });

  it('when well-chained entries contradict the rules, then the replay reports each problem and counts money once', () => {
    const order = store.recordOrderCreated(newOrder());
    const fill = fillOf(order);
    const entries = [
      ...store.journal.read(),
      { sequence: 1_001, timestamp: 0, type: 'order.status', payload: { orderId: 'ord-ghost', time: 1, event: { type: 'ACKNOWLEDGED' }, outcome: 'applied', status: 'SUBMITTED' }, prevHash: '', hash: '' },
      { sequence: 1_002, timestamp: 0, type: 'order.status', payload: { orderId: order.id, time: 1, event: { type: 'ACKNOWLEDGED' }, outcome: 'applied', status: 'SUBMITTED' }, prevHash: '', hash: '' },
      { sequence: 1_003, timestamp: 0, type: 'fill.recorded', payload: { fill: store.fills.listByOrder(scenario.orders.option.id)[0], time: 1, outcome: 'applied', status: 'FILLED' }, prevHash: '', hash: '' },
      { sequence: 1_004, timestamp: 0, type: 'fill.recorded', payload: { fill: { ...fill, quantity: -1 }, time: 1, outcome: 'applied', status: 'PARTIALLY_FILLED' }, prevHash: '', hash: '' },
    ];
    const replayed = rebuildTradingState(entries);
    expect(replayed.problems).toEqual([
      { sequence: 1_001, type: 'order.status', message: "order 'ord-ghost' was never created" },
      { sequence: 1_002, type: 'order.status', message: `status event ACKNOWLEDGED of order '${order.id}': the journal recorded applied → SUBMITTED, the replay gives refused → CREATED (illegal transition: ACKNOWLEDGED after CREATED)` },
      { sequence: 1_003, type: 'fill.recorded', message: expect.stringContaining('is recorded a second time; it was counted once') },
      { sequence: 1_004, type: 'fill.recorded', message: 'quantity must be a positive integer, got -1' },
    ]);
    expect(replayed.orders.get(order.id)?.status).toBe('CREATED');
    expect(replayed.positions).toEqual(replayTradingState(store.journal).positions);
    expect(replayed.orders.has('ord-ghost' as OrderId)).toBe(false);
  });
});
