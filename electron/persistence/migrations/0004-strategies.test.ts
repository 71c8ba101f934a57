import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LEG_ROLES, STRATEGY_STATUSES, STRATEGY_TYPES } from '../../../shared/domain/strategy.ts';
import { createScratchConnections, type ScratchConnections } from '../testing/scratch-connections.ts';
import { indexNames, queryPlan, tableColumns, triggerNames } from '../testing/schema-inspection.ts';
import { migrations } from './index.ts';
import { readUserVersion, runMigrations } from './migration.ts';

let scratch: ScratchConnections;

const migrated = (version = 4): Database.Database => scratch.openMigrated(migrations, version);

function insertStrategy(connection: Database.Database, values: Record<string, unknown> = {}): void {
  const row = {
    id: 'stg-1', type: 'SHORT_PUT', underlying_symbol: 'SPY', quantity: 1, status: 'PENDING', realized_pnl_micros: 0, created_at: 10,
    opened_at: null, closed_at: null, rolled_from_id: null, rolled_to_id: null, updated_at: 10, ...values,
  };
  connection
    .prepare('INSERT INTO strategies (id, type, underlying_symbol, quantity, status, realized_pnl_micros, created_at, opened_at, closed_at, rolled_from_id, rolled_to_id, updated_at) VALUES (@id, @type, @underlying_symbol, @quantity, @status, @realized_pnl_micros, @created_at, @opened_at, @closed_at, @rolled_from_id, @rolled_to_id, @updated_at)')
    .run(row);
}

const insertLeg = (connection: Database.Database, strategyId: string, index: number, key: string) =>
  connection.prepare("INSERT INTO strategy_legs VALUES (?, ?, ?, '{}', 'SELL', 1, 'short_put', 1.2)").run(strategyId, index, key);

beforeEach(() => {
  scratch = createScratchConnections();
});

afterEach(() => scratch.dispose());

describe('migration 0004-strategies', () => {
  it('when applied to an empty database, then strategies, legs and rolls exist at version 4', () => {
    const connection = migrated();
    expect(readUserVersion(connection)).toBe(4);
    expect(tableColumns(connection, 'strategies').map(([name]) => name)).toEqual([
      'id', 'type', 'underlying_symbol', 'quantity', 'status', 'status_reason', 'entry_net_price', 'entry_net_amount_micros', 'exit_net_amount_micros',
      'realized_pnl_micros', 'created_at', 'opened_at', 'closed_at', 'rolled_from_id', 'rolled_to_id', 'updated_at',
    ]);
    expect(tableColumns(connection, 'strategy_legs').filter(([, , , pk]) => pk > 0).map(([name]) => name)).toEqual(['strategy_id', 'leg_index']);
    expect(tableColumns(connection, 'strategy_rolls').map(([name]) => name)).toEqual(['strategy_id', 'position', 'from_strategy_id', 'rolled_at', 'realized_pnl_micros', 'decision_id']);
    expect(indexNames(connection, 'strategies')).toEqual(['strategies_active', 'strategies_by_rolled_from', 'strategies_by_rolled_to', 'strategies_by_underlying']);
    expect(triggerNames(connection, 'strategy_legs')).toEqual(['strategy_legs_fixed', 'strategy_legs_no_delete']);
  });

  it('when applied to a database at version 3, then only it runs', () => {
    const connection = migrated(3);
    expect(runMigrations(connection, migrations.slice(0, 4)).applied).toEqual([{ version: 4, name: 'strategies' }]);
  });

  it('when compared with the domain vocabulary, then every type, status and role is allowed', () => {
    const connection = migrated();
    const sql = connection.prepare<[], string>("SELECT group_concat(sql, ' ') FROM sqlite_master WHERE type = 'table'").pluck().get() ?? '';
    for (const word of [...STRATEGY_TYPES, ...STRATEGY_STATUSES, ...LEG_ROLES]) expect(sql).toContain(`'${word}'`);
  });

  it('when a strategy row breaks a rule, then the table refuses it', () => {
    const connection = migrated();
    expect(() => insertStrategy(connection, { status: 'OPEN' })).toThrow(/CHECK/);
    expect(() => insertStrategy(connection, { status: 'OPEN', opened_at: 5 })).toThrow(/CHECK/);
    expect(() => insertStrategy(connection, { status: 'ROLLED', opened_at: 11, closed_at: 12 })).toThrow(/CHECK/);
    expect(() => insertStrategy(connection, { quantity: 0 })).toThrow(/CHECK/);
    expect(() => insertStrategy(connection, { rolled_from_id: 'missing' })).toThrow(/FOREIGN KEY/);
    insertStrategy(connection);
    expect(connection.prepare('SELECT count(*) FROM strategies').pluck().get()).toBe(1);
  });

  it('when two strategies refer to each other in one transaction, then the deferred keys accept the roll', () => {
    const connection = migrated();
    insertStrategy(connection, { id: 'stg-1', status: 'OPEN', opened_at: 11 });
    connection.transaction(() => {
      connection.prepare("UPDATE strategies SET status = 'ROLLED', closed_at = 20, rolled_to_id = 'stg-2' WHERE id = 'stg-1'").run();
      insertStrategy(connection, { id: 'stg-2', rolled_from_id: 'stg-1', created_at: 20, updated_at: 20 });
    })();
    expect(connection.prepare("SELECT rolled_to_id FROM strategies WHERE id = 'stg-1'").pluck().get()).toBe('stg-2');
  });

  it('when a leg repeats a contract or is changed, then it is refused; its entry price may change', () => {
    const connection = migrated();
    insertStrategy(connection);
    insertLeg(connection, 'stg-1', 0, 'SPY 2026-04-17 440 P');
    expect(() => insertLeg(connection, 'stg-1', 1, 'SPY 2026-04-17 440 P')).toThrow(/UNIQUE/);
    expect(() => insertLeg(connection, 'stg-9', 0, 'SPY 2026-04-17 440 P')).toThrow(/FOREIGN KEY/);
    connection.exec('UPDATE strategy_legs SET entry_price = 1.3');
    expect(() => connection.exec('UPDATE strategy_legs SET ratio = 2')).toThrow(/legs are fixed/);
    expect(() => connection.exec('DELETE FROM strategy_legs')).toThrow(/cannot be deleted/);
  });

  it('when active strategies are listed, then the partial index is used', () => {
    const connection = migrated();
    expect(queryPlan(connection, "SELECT id FROM strategies WHERE status IN ('PENDING', 'OPEN', 'CLOSING') ORDER BY created_at")).toContain('strategies_active');
  });
});
