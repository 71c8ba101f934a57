import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createScratchConnections, type ScratchConnections } from '../testing/scratch-connections.ts';
import { migration as journal } from './0001-journal.ts';
import { migration as settings } from './0002-settings.ts';
import { readUserVersion, runMigrations } from './migration.ts';

let scratch: ScratchConnections;
const scratchDatabase = (): Database.Database => scratch.open();

beforeEach(() => {
  scratch = createScratchConnections();
});

afterEach(() => scratch.dispose());

function settingsColumns(connection: Database.Database): unknown[] {
  return (connection.pragma('table_info(settings)') as Array<{ name: string; type: string; pk: number }>).map((column) => [column.name, column.type, column.pk]);
}

describe('migration 0002-settings', () => {
  it('when applied to an empty database (with 0001), then the settings table exists and the version is 2', () => {
    const connection = scratchDatabase();
    runMigrations(connection, [journal, settings]);
    expect(readUserVersion(connection)).toBe(2);
    expect(settingsColumns(connection)).toEqual([
      ['key', 'TEXT', 1],
      ['value', 'TEXT', 0],
      ['updated_at', 'INTEGER', 0],
    ]);
  });

  it('when applied to a database at version 1, then only it runs and the journal is kept', () => {
    const connection = scratchDatabase();
    runMigrations(connection, [journal]);
    connection.prepare('INSERT INTO journal VALUES (1, 0, ?, ?, ?, ?)').run('t', '{}', '0'.repeat(64), '1'.repeat(64));
    const report = runMigrations(connection, [journal, settings]);
    expect(report.applied).toEqual([{ version: 2, name: 'settings' }]);
    expect(connection.prepare('SELECT count(*) FROM journal').pluck().get()).toBe(1);
    expect(settingsColumns(connection)).toHaveLength(3);
  });

  it('when a value is not valid JSON or the key is empty, then the table refuses it', () => {
    const connection = scratchDatabase();
    runMigrations(connection, [journal, settings]);
    const insert = connection.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, 0)');
    expect(() => insert.run('theme', '{oops')).toThrow(/CHECK/);
    expect(() => insert.run('', '1')).toThrow(/CHECK/);
    insert.run('theme', '"dark"');
    expect(connection.prepare('SELECT value FROM settings').pluck().get()).toBe('"dark"');
  });
});
