import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createScratchConnections, type ScratchConnections } from '../testing/scratch-connections.ts';
import { latestVersion, readUserVersion, runMigrations, validateMigrations, type Migration } from './migration.ts';

let scratch: ScratchConnections;
const scratchDatabase = (): Database.Database => scratch.open();

beforeEach(() => {
  scratch = createScratchConnections();
});

afterEach(() => scratch.dispose());

const createTable = (version: number, table: string): Migration => ({
  version,
  name: `create-${table}`,
  up: (connection) => connection.exec(`CREATE TABLE ${table} (id INTEGER PRIMARY KEY)`),
});

describe('validateMigrations', () => {
  it('when versions run 1, 2, 3, then the list is accepted', () => {
    expect(() => validateMigrations([createTable(1, 'a'), createTable(2, 'b'), createTable(3, 'c')])).not.toThrow();
    expect(latestVersion([createTable(1, 'a'), createTable(2, 'b')])).toBe(2);
    expect(latestVersion([])).toBe(0);
  });

  it('when a version is missing, repeated or out of order, then the list is refused naming the position', () => {
    expect(() => validateMigrations([createTable(1, 'a'), createTable(3, 'c')])).toThrow(/position 2 holds version 3/);
    expect(() => validateMigrations([createTable(1, 'a'), createTable(1, 'b')])).toThrow(/position 2 holds version 1/);
    expect(() => validateMigrations([createTable(2, 'b'), createTable(1, 'a')])).toThrow(/position 1 holds version 2/);
  });

  it('when a name is not kebab-case, then the list is refused', () => {
    expect(() => validateMigrations([{ ...createTable(1, 'a'), name: 'Create Table' }])).toThrow(/invalid name/);
  });
});

describe('runMigrations', () => {
  it('when the database is empty, then every migration runs in order and user_version is the last', () => {
    const connection = scratchDatabase();
    const report = runMigrations(connection, [createTable(1, 'a'), createTable(2, 'b')]);
    expect(report).toEqual({ fromVersion: 0, toVersion: 2, applied: [{ version: 1, name: 'create-a' }, { version: 2, name: 'create-b' }] });
    expect(readUserVersion(connection)).toBe(2);
  });

  it('when the database is at an older version, then only the pending migrations run', () => {
    const connection = scratchDatabase();
    runMigrations(connection, [createTable(1, 'a')]);
    const report = runMigrations(connection, [createTable(1, 'a'), createTable(2, 'b')]);
    expect(report.applied).toEqual([{ version: 2, name: 'create-b' }]);
    expect(runMigrations(connection, [createTable(1, 'a'), createTable(2, 'b')]).applied).toEqual([]);
  });

  it('when a migration fails halfway, then its changes roll back, user_version stays and earlier migrations stay applied', () => {
    const connection = scratchDatabase();
    const failing: Migration = {
      version: 2,
      name: 'half-done',
      up(db) {
        db.exec('CREATE TABLE b (id INTEGER PRIMARY KEY); INSERT INTO a (id) VALUES (1);');
        throw new Error('deliberate failure');
      },
    };
    expect(() => runMigrations(connection, [createTable(1, 'a'), failing])).toThrow(
      expect.objectContaining({ code: 'invariant', message: expect.stringContaining("migration 2 ('half-done') failed: deliberate failure") }),
    );
    expect(readUserVersion(connection)).toBe(1);
    const tables = connection.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(['a']);
    expect(connection.prepare('SELECT count(*) FROM a').pluck().get()).toBe(0);
  });

  it('when a migration returns a Promise, then it is refused and rolled back', () => {
    const connection = scratchDatabase();
    const asynchronous = {
      version: 1,
      name: 'asynchronous',
      up: async (db: Database.Database) => db.exec('CREATE TABLE z (id INTEGER)'),
    } as unknown as Migration;
    expect(() => runMigrations(connection, [asynchronous])).toThrow(/Promise|promise/);
    expect(readUserVersion(connection)).toBe(0);
    expect(connection.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'z'").pluck().get()).toBe(0);
  });
});
