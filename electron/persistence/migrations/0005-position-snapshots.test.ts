import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createScratchConnections, type ScratchConnections } from '../testing/scratch-connections.ts';
import { indexNames, tableColumns } from '../testing/schema-inspection.ts';
import { migrations } from './index.ts';
import { readUserVersion, runMigrations } from './migration.ts';

let scratch: ScratchConnections;

const migrated = (version = 5): Database.Database => scratch.openMigrated(migrations, version);

beforeEach(() => {
  scratch = createScratchConnections();
});

afterEach(() => scratch.dispose());

describe('migration 0005-position-snapshots', () => {
  it('when applied to an empty database, then snapshots and their lines exist at version 5', () => {
    const connection = migrated();
    expect(readUserVersion(connection)).toBe(5);
    expect(tableColumns(connection, 'position_snapshots').map(([name]) => name)).toEqual(['id', 'taken_at', 'source', 'note']);
    expect(tableColumns(connection, 'position_snapshot_lines').map(([name, type]) => `${name} ${type}`)).toEqual([
      'snapshot_id INTEGER', 'contract_key TEXT', 'contract TEXT', 'quantity INTEGER', 'cost_basis_micros INTEGER', 'realized_pnl_micros INTEGER', 'commissions_micros INTEGER',
    ]);
    expect(indexNames(connection, 'position_snapshots')).toEqual(['position_snapshots_by_source_time', 'position_snapshots_by_time']);
  });

  it('when applied to a database at version 4, then only it runs', () => {
    const connection = migrated(4);
    expect(runMigrations(connection, migrations.slice(0, 5)).applied).toEqual([{ version: 5, name: 'position-snapshots' }]);
  });

  it('when a line has a cost basis against the sign of its quantity, an unknown snapshot or a bad source, then it is refused', () => {
    const connection = migrated();
    connection.exec("INSERT INTO position_snapshots (id, taken_at, source) VALUES (1, 5, 'oms')");
    const line = connection.prepare("INSERT INTO position_snapshot_lines VALUES (?, ?, '{}', ?, ?, 0, 0)");
    line.run(1, 'SPY', -2, -230_000_000);
    line.run(1, 'QQQ', 0, 0);
    expect(() => line.run(1, 'IWM', 2, -1)).toThrow(/CHECK/);
    expect(() => line.run(1, 'DIA', 0, 5)).toThrow(/CHECK/);
    expect(() => line.run(2, 'TLT', 1, 1)).toThrow(/FOREIGN KEY/);
    expect(() => line.run(1, 'SPY', 1, 1)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => connection.exec("INSERT INTO position_snapshots (taken_at, source) VALUES (5, 'guess')")).toThrow(/CHECK/);
  });
});
