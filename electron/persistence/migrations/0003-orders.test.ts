import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ORDER_EVENT_TYPES } from '../../../shared/domain/order-status.ts';
import { ORDER_ACTIONS, ORDER_STATUSES, ORDER_TYPES, TIME_IN_FORCES } from '../../../shared/domain/order-types.ts';
import { createScratchConnections, type ScratchConnections } from '../testing/scratch-connections.ts';
import { indexNames, queryPlan, tableColumns, tableNames, triggerNames } from '../testing/schema-inspection.ts';
import { migrations } from './index.ts';
import { readUserVersion, runMigrations } from './migration.ts';

let scratch: ScratchConnections;

const migrated = (version = 3): Database.Database => scratch.openMigrated(migrations, version);

const orderColumns = 'id, client_order_ref, instrument_kind, instrument_key, underlying_symbol, instrument, action, quantity, order_type, tif, limit_price, status, filled_quantity, average_fill_price, created_at, updated_at, filled_at';

function insertOrder(connection: Database.Database, values: Record<string, unknown> = {}): void {
  const row = {
    id: 'ord-1', client_order_ref: 'OWS-000001', instrument_kind: 'stock', instrument_key: 'SPY', underlying_symbol: 'SPY',
    instrument: '{"kind":"stock","symbol":"SPY","currency":"USD"}', action: 'BUY', quantity: 10, order_type: 'LMT', tif: 'DAY', limit_price: 450.5,
    status: 'CREATED', filled_quantity: 0, average_fill_price: null, created_at: 1, updated_at: 1, filled_at: null, ...values,
  };
  const names = orderColumns.split(', ');
  connection.prepare(`INSERT INTO orders (${orderColumns}) VALUES (${names.map((name) => `@${name}`).join(', ')})`).run(row);
}

function insertFill(connection: Database.Database, values: Record<string, unknown> = {}): void {
  const row = {
    execution_id: 'exec-1', record_number: 1, order_id: 'ord-1', client_order_ref: 'OWS-000001', contract_key: 'SPY', contract: '{"kind":"stock","symbol":"SPY"}',
    action: 'BUY', quantity: 5, price: 450.25, commission_micros: 0, time: 2, recorded_at: 2, ...values,
  };
  connection
    .prepare('INSERT INTO fills (execution_id, record_number, order_id, client_order_ref, contract_key, contract, action, quantity, price, commission_micros, time, recorded_at) VALUES (@execution_id, @record_number, @order_id, @client_order_ref, @contract_key, @contract, @action, @quantity, @price, @commission_micros, @time, @recorded_at)')
    .run(row);
}

beforeEach(() => {
  scratch = createScratchConnections();
});

afterEach(() => scratch.dispose());

describe('migration 0003-orders', () => {
  it('when applied to an empty database, then orders, fills, order events and the reference sequence exist at version 3', () => {
    const connection = migrated();
    expect(readUserVersion(connection)).toBe(3);
    expect(tableNames(connection)).toEqual(expect.arrayContaining(['orders', 'fills', 'order_events', 'client_order_ref_sequence']));
    expect(tableColumns(connection, 'orders').slice(0, 3)).toEqual([
      ['id', 'TEXT', true, 1],
      ['client_order_ref', 'TEXT', true, 0],
      ['broker_order_id', 'INTEGER', false, 0],
    ]);
    expect(tableColumns(connection, 'fills')[0]).toEqual(['execution_id', 'TEXT', true, 1]);
    expect(tableColumns(connection, 'fills').map(([name]) => name)).toContain('commission_micros');
    expect(indexNames(connection, 'orders')).toEqual(['orders_by_broker_order_id', 'orders_by_parent', 'orders_by_strategy', 'orders_working']);
    expect(indexNames(connection, 'fills')).toEqual(['fills_by_contract', 'fills_by_order']);
    expect(triggerNames(connection, 'fills')).toEqual(['fills_immutable', 'fills_no_delete']);
    expect(connection.prepare('SELECT last_value FROM client_order_ref_sequence').pluck().get()).toBe(0);
  });

  it('when applied to a database at version 2, then only it runs and the settings are kept', () => {
    const connection = migrated(2);
    connection.prepare("INSERT INTO settings VALUES ('theme', '\"dark\"', 0)").run();
    expect(runMigrations(connection, migrations.slice(0, 3)).applied).toEqual([{ version: 3, name: 'orders' }]);
    expect(connection.prepare('SELECT count(*) FROM settings').pluck().get()).toBe(1);
  });

  it('when compared with the domain vocabulary, then every status, event, action, type and time in force is allowed', () => {
    const connection = migrated();
    const sql = (table: string) => connection.prepare<[string], string>("SELECT sql FROM sqlite_master WHERE name = ?").pluck().get(table) ?? '';
    for (const word of [...ORDER_STATUSES, ...ORDER_ACTIONS, ...ORDER_TYPES, ...TIME_IN_FORCES]) expect(sql('orders')).toContain(`'${word}'`);
    for (const word of [...ORDER_EVENT_TYPES, ...ORDER_STATUSES]) expect(sql('order_events')).toContain(`'${word}'`);
  });

  it('when an order row breaks a rule, then the table refuses it', () => {
    const connection = migrated();
    expect(() => insertOrder(connection, { quantity: 0 })).toThrow(/CHECK/);
    expect(() => insertOrder(connection, { status: 'DONE' })).toThrow(/CHECK/);
    expect(() => insertOrder(connection, { status: 'FILLED', filled_quantity: 10, average_fill_price: 1 })).toThrow(/CHECK/);
    expect(() => insertOrder(connection, { filled_quantity: 11, average_fill_price: 1, status: 'PARTIALLY_FILLED' })).toThrow(/CHECK/);
    expect(() => insertOrder(connection, { updated_at: 0 })).toThrow(/CHECK/);
    expect(() => insertOrder(connection, { quantity: 'ten' })).toThrow(/cannot store TEXT value in INTEGER column/);
    insertOrder(connection);
    expect(() => insertOrder(connection, { id: 'ord-2' })).toThrow(/UNIQUE constraint failed: orders.client_order_ref/);
    expect(connection.prepare('SELECT count(*) FROM orders').pluck().get()).toBe(1);
  });

  it('when a fill repeats an execution id or names an unknown order, then it is refused', () => {
    const connection = migrated();
    insertOrder(connection);
    insertFill(connection);
    expect(() => insertFill(connection, { record_number: 2 })).toThrow(/UNIQUE constraint failed: fills.execution_id/);
    expect(() => insertFill(connection, { execution_id: 'exec-2', record_number: 2, order_id: 'nope' })).toThrow(/FOREIGN KEY/);
    expect(() => insertFill(connection, { execution_id: 'exec-3', record_number: 3, commission_micros: -1 })).toThrow(/CHECK/);
  });

  it('when a fill is changed or deleted through SQL, then only a commission update is allowed', () => {
    const connection = migrated();
    insertOrder(connection);
    insertFill(connection);
    connection.prepare("UPDATE fills SET commission_micros = 650000 WHERE execution_id = 'exec-1'").run();
    expect(() => connection.exec("UPDATE fills SET quantity = 50 WHERE execution_id = 'exec-1'")).toThrow(/only the commission of a fill may change/);
    expect(() => connection.exec('DELETE FROM fills')).toThrow(/cannot be deleted/);
    expect(connection.prepare('SELECT quantity, commission_micros FROM fills').get()).toEqual({ quantity: 5, commission_micros: 650_000 });
  });

  it('when order events are written, then refused ones need an error and no target, and rows are append-only', () => {
    const connection = migrated();
    insertOrder(connection);
    const insert = connection.prepare('INSERT INTO order_events (order_id, time, event, outcome, from_status, to_status, error) VALUES (?, 1, ?, ?, ?, ?, ?)');
    insert.run('ord-1', 'ACKNOWLEDGED', 'refused', 'FILLED', null, 'illegal transition: ACKNOWLEDGED after FILLED');
    expect(() => insert.run('ord-1', 'ACKNOWLEDGED', 'refused', 'FILLED', 'SUBMITTED', 'x')).toThrow(/CHECK/);
    expect(() => insert.run('ord-1', 'ACKNOWLEDGED', 'refused', 'FILLED', null, null)).toThrow(/CHECK/);
    expect(() => insert.run('ord-1', 'CREATED', 'applied', 'CREATED', 'CREATED', null)).toThrow(/CHECK/);
    expect(() => connection.exec('UPDATE order_events SET time = 2')).toThrow(/append-only/);
    expect(() => connection.exec('DELETE FROM order_events')).toThrow(/append-only/);
  });

  it('when the reference sequence is moved backwards or deleted, then the trigger refuses it', () => {
    const connection = migrated();
    connection.exec('UPDATE client_order_ref_sequence SET last_value = 5');
    expect(() => connection.exec('UPDATE client_order_ref_sequence SET last_value = 4')).toThrow(/only move forward/);
    expect(() => connection.exec('DELETE FROM client_order_ref_sequence')).toThrow(/cannot be deleted/);
    expect(() => connection.exec('INSERT INTO client_order_ref_sequence VALUES (2, 0)')).toThrow(/CHECK/);
  });

  it('when working orders or an order by broker id are looked up, then the partial indexes are used', () => {
    const connection = migrated();
    const working = `SELECT id FROM orders WHERE status IN ('PENDING_SUBMIT', 'PRE_SUBMITTED', 'SUBMITTED', 'PARTIALLY_FILLED', 'PENDING_CANCEL') ORDER BY created_at`;
    expect(queryPlan(connection, working)).toContain('orders_working');
    expect(queryPlan(connection, 'SELECT id FROM orders WHERE broker_order_id = ?', 7)).toContain('orders_by_broker_order_id');
  });
});
