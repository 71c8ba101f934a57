import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readUserVersion, runMigrations } from '../../../persistence/migrations/migration.ts';
import { indexNames, tableColumns, tableNames } from '../../../persistence/testing/schema-inspection.ts';
import { createScratchConnections, type ScratchConnections } from '../../../persistence/testing/scratch-connections.ts';
import { paperMigrations } from './index.ts';
import { migration } from './0001-paper-account.ts';

let scratch: ScratchConnections;

beforeEach(() => {
  scratch = createScratchConnections();
});

afterEach(() => scratch.dispose());

describe('paper migration 0001-paper-account', () => {
  it('when applied to an empty database, then every paper table exists and the version is 1', () => {
    const connection = scratch.open();
    runMigrations(connection, [migration]);
    expect(readUserVersion(connection)).toBe(1);
    expect(tableNames(connection)).toEqual(['paper_account', 'paper_executions', 'paper_orders', 'paper_positions', 'paper_requests', 'paper_settlements']);
    expect(indexNames(connection, 'paper_executions')).toEqual(['paper_executions_by_time']);
    expect(tableColumns(connection, 'paper_orders').map(([name]) => name)).toEqual(['broker_order_id', 'client_order_ref', 'state', 'data', 'updated_at']);
  });

  it('when the registry is checked, then it lists this migration first', () => {
    expect(paperMigrations.map((entry) => [entry.version, entry.name])).toEqual([[1, 'paper-account']]);
  });

  it('when a second account row or a reused client order ref is inserted, then the schema refuses it', () => {
    const connection = scratch.open();
    runMigrations(connection, [migration]);
    const account = connection.prepare('INSERT INTO paper_account VALUES (?, ?, 0, 0, ?, 1, 1, 1, 1, 0, 0, 0)');
    account.run(1, 'PAPER', '2026-03-10');
    expect(() => account.run(2, 'PAPER', '2026-03-10')).toThrow(/CHECK/);
    const order = connection.prepare("INSERT INTO paper_orders VALUES (?, 'OWS-000001', 'SUBMITTED', '{}', 0)");
    order.run(1);
    expect(() => order.run(2)).toThrow(/UNIQUE/);
  });

  it('when an execution has a zero quantity or an unknown order, then the schema refuses it', () => {
    const connection = scratch.open();
    runMigrations(connection, [migration]);
    connection.pragma('foreign_keys = ON');
    connection.prepare("INSERT INTO paper_orders VALUES (1, 'OWS-000001', 'FILLED', '{}', 0)").run();
    const execution = connection.prepare("INSERT INTO paper_executions VALUES (?, ?, ?, 'OWS-000001', '{}', NULL, 'BUY', ?, 2100000, 1000000, 0)");
    execution.run('paper.1.1', 1, 1, 1);
    expect(() => execution.run('paper.1.2', 2, 1, 0)).toThrow(/CHECK/);
    expect(() => execution.run('paper.9.3', 3, 9, 1)).toThrow(/FOREIGN KEY/);
  });
});
