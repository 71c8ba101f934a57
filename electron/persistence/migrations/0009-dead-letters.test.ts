import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEAD_LETTER_STATUSES } from '../../broker/resiliency/dead-letter.ts';
import { createScratchConnections, type ScratchConnections } from '../testing/scratch-connections.ts';
import { indexNames, tableColumns, triggerNames } from '../testing/schema-inspection.ts';
import { migrations } from './index.ts';
import { readUserVersion, runMigrations } from './migration.ts';

let scratch: ScratchConnections;

const migrated = (version = 9): Database.Database => scratch.openMigrated(migrations, version);

beforeEach(() => {
  scratch = createScratchConnections();
});

afterEach(() => scratch.dispose());

type Row = { ref: string; kind: string; request: string; status: string; brokerOrderId: number | null; attempts: number; created: number; updated: number };
const pending: Row = { ref: 'OWS-000001', kind: 'order', request: '{"clientOrderRef":"OWS-000001"}', status: 'PENDING', brokerOrderId: null, attempts: 3, created: 10, updated: 10 };
const insertLetter = (connection: Database.Database, row: Row) =>
  connection
    .prepare(
      `INSERT INTO dead_letters (client_order_ref, kind, request, status, reason, error_code, attempts, broker_order_id, created_at, updated_at)
       VALUES (@ref, @kind, @request, @status, 'broker unavailable', 'broker-unavailable', @attempts, @brokerOrderId, @created, @updated)`,
    )
    .run(row);

describe('migration 0009-dead-letters', () => {
  it('when applied to an empty database, then the dead-letter table exists at version 9 with its index and guards', () => {
    const connection = migrated();
    expect(readUserVersion(connection)).toBe(9);
    expect(tableColumns(connection, 'dead_letters').map(([name]) => name)).toEqual([
      'id', 'client_order_ref', 'kind', 'request', 'status', 'reason', 'error_code', 'attempts', 'broker_order_id', 'created_at', 'updated_at',
    ]);
    expect(indexNames(connection, 'dead_letters')).toEqual(['dead_letters_by_status']);
    expect(triggerNames(connection, 'dead_letters')).toEqual(['dead_letters_final', 'dead_letters_no_delete', 'dead_letters_request_fixed']);
  });

  it('when applied to a database at version 8, then only it runs', () => {
    const connection = migrated(8);
    expect(runMigrations(connection, migrations.slice(0, 9)).applied).toEqual([{ version: 9, name: 'dead-letters' }]);
  });

  it('when compared with the resiliency vocabulary, then every dead-letter status is allowed', () => {
    const connection = migrated();
    const sql = connection.prepare<[], string>("SELECT sql FROM sqlite_master WHERE name = 'dead_letters'").pluck().get() ?? '';
    for (const status of DEAD_LETTER_STATUSES) expect(sql).toContain(`'${status}'`);
  });

  it('when a letter is deleted or its request changed, then the table refuses', () => {
    const connection = migrated();
    insertLetter(connection, pending);
    expect(() => connection.exec('DELETE FROM dead_letters')).toThrow(/never deleted/);
    expect(() => connection.exec(`UPDATE dead_letters SET request = '{}'`)).toThrow(/keeps the request/);
    expect(() => connection.exec(`UPDATE dead_letters SET client_order_ref = 'OWS-000002'`)).toThrow(/keeps the request/);
    connection.exec(`UPDATE dead_letters SET status = 'IN_FLIGHT', attempts = 4, updated_at = 20`);
    expect(connection.prepare('SELECT status FROM dead_letters').pluck().get()).toBe('IN_FLIGHT');
  });

  it('when a letter is final, then it can no longer change', () => {
    const connection = migrated();
    insertLetter(connection, { ...pending, status: 'RESUBMITTED', brokerOrderId: 7 });
    insertLetter(connection, { ...pending, ref: 'OWS-000002', status: 'DISCARDED' });
    expect(() => connection.exec(`UPDATE dead_letters SET status = 'PENDING', broker_order_id = NULL WHERE client_order_ref = 'OWS-000001'`)).toThrow(/final/);
    expect(() => connection.exec(`UPDATE dead_letters SET reason = 'other' WHERE client_order_ref = 'OWS-000002'`)).toThrow(/final/);
  });

  it('when a letter breaks a rule of its row, then the table refuses it', () => {
    const connection = migrated();
    insertLetter(connection, pending);
    expect(() => insertLetter(connection, pending)).toThrow(/UNIQUE/);
    const other = { ...pending, ref: 'OWS-000009' };
    expect(() => insertLetter(connection, { ...other, ref: 'order-9' })).toThrow(/CHECK/);
    expect(() => insertLetter(connection, { ...other, kind: 'combo' })).toThrow(/CHECK/);
    expect(() => insertLetter(connection, { ...other, request: 'not json' })).toThrow(/CHECK/);
    expect(() => insertLetter(connection, { ...other, status: 'LOST' })).toThrow(/CHECK/);
    expect(() => insertLetter(connection, { ...other, status: 'RESUBMITTED' })).toThrow(/CHECK/);
    expect(() => insertLetter(connection, { ...other, brokerOrderId: 5 })).toThrow(/CHECK/);
    expect(() => insertLetter(connection, { ...other, attempts: -1 })).toThrow(/CHECK/);
    expect(() => insertLetter(connection, { ...other, updated: 5 })).toThrow(/CHECK/);
    expect(connection.prepare('SELECT count(*) FROM dead_letters').pluck().get()).toBe(1);
  });
});
