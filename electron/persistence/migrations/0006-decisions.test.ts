import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DECISION_ACTIONS, URGENCIES } from '../../../shared/domain/decision.ts';
import { createScratchConnections, type ScratchConnections } from '../testing/scratch-connections.ts';
import { indexNames, queryPlan, tableColumns } from '../testing/schema-inspection.ts';
import { migrations } from './index.ts';
import { readUserVersion, runMigrations } from './migration.ts';

let scratch: ScratchConnections;

const migrated = (version = 6): Database.Database => scratch.openMigrated(migrations, version);

beforeEach(() => {
  scratch = createScratchConnections();
});

afterEach(() => scratch.dispose());

const insertDecision = (connection: Database.Database, id: string, strategyId: string, action: string, urgency: string | null, trace = '[]') =>
  connection.prepare("INSERT INTO decisions (id, strategy_id, action, urgency, rule_id, reason, trace, created_at) VALUES (?, ?, ?, ?, 'r02', 'stop', ?, 1)").run(id, strategyId, action, urgency, trace);

describe('migration 0006-decisions', () => {
  it('when applied to an empty database, then decisions exist at version 6 with indexes by strategy and time', () => {
    const connection = migrated();
    expect(readUserVersion(connection)).toBe(6);
    expect(tableColumns(connection, 'decisions').map(([name]) => name)).toEqual([
      'id', 'strategy_id', 'action', 'urgency', 'rule_id', 'reason', 'trace', 'created_at', 'reduce_quantity', 'roll_target',
    ]);
    expect(indexNames(connection, 'decisions')).toEqual(['decisions_by_strategy_time', 'decisions_by_time']);
    expect(queryPlan(connection, 'SELECT id FROM decisions WHERE strategy_id = ? ORDER BY created_at DESC', 'x')).toContain('decisions_by_strategy_time');
  });

  it('when applied to a database at version 5, then only it runs', () => {
    const connection = migrated(5);
    expect(runMigrations(connection, migrations.slice(0, 6)).applied).toEqual([{ version: 6, name: 'decisions' }]);
  });

  it('when compared with the domain vocabulary, then every action and urgency is allowed', () => {
    const connection = migrated();
    const sql = connection.prepare<[], string>("SELECT sql FROM sqlite_master WHERE name = 'decisions'").pluck().get() ?? '';
    for (const word of [...DECISION_ACTIONS, ...URGENCIES]) expect(sql).toContain(`'${word}'`);
  });

  it('when a decision names an unknown strategy, lacks its action details or has a trace that is not an array, then it is refused', () => {
    const connection = migrated();
    connection.exec("INSERT INTO strategies (id, type, underlying_symbol, quantity, status, realized_pnl_micros, created_at, updated_at) VALUES ('stg-1', 'SHORT_PUT', 'SPY', 1, 'PENDING', 0, 1, 1)");
    insertDecision(connection, 'd-1', 'stg-1', 'CLOSE', 'MARKETABLE');
    expect(() => insertDecision(connection, 'd-2', 'stg-9', 'CLOSE', 'MARKETABLE')).toThrow(/FOREIGN KEY/);
    expect(() => insertDecision(connection, 'd-3', 'stg-1', 'HOLD', 'MARKETABLE')).toThrow(/CHECK/);
    expect(() => insertDecision(connection, 'd-4', 'stg-1', 'REDUCE', 'MARKETABLE')).toThrow(/CHECK/);
    expect(() => insertDecision(connection, 'd-5', 'stg-1', 'CLOSE', 'MARKETABLE', '{"a":1}')).toThrow(/CHECK/);
    expect(connection.prepare('SELECT count(*) FROM decisions').pluck().get()).toBe(1);
  });
});
