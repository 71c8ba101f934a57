import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PaperFixture } from './testing/paper-fixture.ts';
import { PaperStore } from './paper-store.ts';

let fixture: PaperFixture;

beforeEach(() => {
  fixture = new PaperFixture();
});

afterEach(() => fixture.dispose());

describe('PaperStore', () => {
  it('when every change is committed, then the file holds the orders, executions, positions and the account row', async () => {
    await fixture.place({ type: 'MKT', quantity: 2 });
    fixture.settle();
    const connection = new Database(fixture.storeFile, { readonly: true });
    try {
      expect(connection.prepare('SELECT broker_order_id, client_order_ref, state FROM paper_orders').all()).toEqual([{ broker_order_id: 1, client_order_ref: 'OWS-000001', state: 'FILLED' }]);
      expect(connection.prepare('SELECT execution_id, quantity, price, commission FROM paper_executions').all()).toEqual([{ execution_id: 'paper.1.1', quantity: 2, price: 2_110_000, commission: 1_300_000 }]);
      expect(connection.prepare('SELECT contract_key, quantity, cost_basis FROM paper_positions').all()).toEqual([{ contract_key: 'SPY 2026-03-20 560 C', quantity: 2, cost_basis: 422_000_000 }]);
      expect(connection.prepare('SELECT next_broker_order_id, next_execution_sequence FROM paper_account').get()).toEqual({ next_broker_order_id: 2, next_execution_sequence: 2 });
      expect(connection.prepare('SELECT count(*) AS pending FROM paper_requests').get()).toEqual({ pending: 0 });
    } finally {
      connection.close();
    }
  });

  it('when a stored order does not match its row, then loading fails fast as corrupt data naming the order', async () => {
    await fixture.place({ limitPrice: 1 });
    fixture.broker.dispose();
    const connection = new Database(fixture.storeFile);
    connection.prepare("UPDATE paper_orders SET data = json_set(data, '$.state', 'SOMETHING')").run();
    connection.close();
    const store = PaperStore.open(fixture.storeFile);
    try {
      expect(() => store.load()).toThrow(/paper order 1: unknown state "SOMETHING"/);
    } finally {
      store.close();
    }
  });

  it('when the file is new, then load() finds no account', () => {
    const store = PaperStore.open(fixture.directory.file('empty.sqlite'));
    try {
      expect(store.load()).toBeUndefined();
    } finally {
      store.close();
    }
  });
});
