import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALERT_SEVERITIES } from '../../../shared/domain/alert.ts';
import { createScratchConnections, type ScratchConnections } from '../testing/scratch-connections.ts';
import { indexNames, queryPlan, tableColumns, triggerNames } from '../testing/schema-inspection.ts';
import { migrations } from './index.ts';
import { readUserVersion, runMigrations } from './migration.ts';

let scratch: ScratchConnections;

function migrated(version = 7): Database.Database {
  const connection = scratch.open();
  runMigrations(connection, migrations.slice(0, version));
  return connection;
}

beforeEach(() => {
  scratch = createScratchConnections();
});

afterEach(() => scratch.dispose());

describe('migration 0007-alerts', () => {
  it('when applied to an empty database, then alerts exist at version 7 with their indexes', () => {
    const connection = migrated();
    expect(readUserVersion(connection)).toBe(7);
    expect(tableColumns(connection, 'alerts').map(([name]) => name)).toEqual(['id', 'severity', 'source', 'message', 'created_at', 'acknowledged_at', 'dedup_key']);
    expect(indexNames(connection, 'alerts')).toEqual(['alerts_by_dedup_key', 'alerts_by_time', 'alerts_unacknowledged']);
    expect(triggerNames(connection, 'alerts')).toEqual(['alerts_acknowledge_once']);
    expect(queryPlan(connection, 'SELECT id FROM alerts WHERE acknowledged_at IS NULL ORDER BY created_at')).toContain('alerts_unacknowledged');
    expect(queryPlan(connection, 'SELECT id FROM alerts WHERE dedup_key = ? AND created_at >= ?', 'k', 0)).toContain('alerts_by_dedup_key');
  });

  it('when applied to a database at version 6, then only it runs', () => {
    const connection = migrated(6);
    expect(runMigrations(connection, migrations.slice(0, 7)).applied).toEqual([{ version: 7, name: 'alerts' }]);
  });

  it('when every domain severity is stored, then the table accepts it', () => {
    const connection = migrated();
    const insert = connection.prepare("INSERT INTO alerts (id, severity, source, message, created_at) VALUES (?, ?, 'risk', 'm', 1)");
    for (const severity of ALERT_SEVERITIES) insert.run(`a-${severity}`, severity);
    expect(() => insert.run('a-x', 'panic')).toThrow(/CHECK/);
  });

  it('when an alert is acknowledged twice, edited or acknowledged before it was raised, then the table refuses it', () => {
    const connection = migrated();
    connection.exec("INSERT INTO alerts (id, severity, source, message, created_at, dedup_key) VALUES ('a-1', 'warning', 'risk', 'margin', 10, 'margin')");
    expect(() => connection.exec("UPDATE alerts SET acknowledged_at = 9 WHERE id = 'a-1'")).toThrow(/CHECK/);
    expect(() => connection.exec("UPDATE alerts SET message = 'edited' WHERE id = 'a-1'")).toThrow(/acknowledged, once/);
    connection.exec("UPDATE alerts SET acknowledged_at = 11 WHERE id = 'a-1'");
    expect(() => connection.exec("UPDATE alerts SET acknowledged_at = 12 WHERE id = 'a-1'")).toThrow(/acknowledged, once/);
    expect(connection.prepare('SELECT acknowledged_at FROM alerts').pluck().get()).toBe(11);
  });
});
