import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createScratchConnections, type ScratchConnections } from '../testing/scratch-connections.ts';
import { genesisHash } from '../journal/journal-hash.ts';
import { migration } from './0001-journal.ts';
import { readUserVersion, runMigrations } from './migration.ts';

let scratch: ScratchConnections;

function migrated(): Database.Database {
  const connection = scratch.open();
  runMigrations(connection, [migration]);
  return connection;
}

beforeEach(() => {
  scratch = createScratchConnections();
});

afterEach(() => scratch.dispose());

const hash = (digit: string) => digit.repeat(64);

describe('migration 0001-journal', () => {
  it('when applied to an empty database, then it creates the journal, its head at sequence 0 and version 1', () => {
    const connection = migrated();
    expect(readUserVersion(connection)).toBe(1);
    const columns = connection.pragma('table_info(journal)') as Array<{ name: string; type: string; notnull: number; pk: number }>;
    expect(columns.map((column) => [column.name, column.type, column.pk])).toEqual([
      ['sequence', 'INTEGER', 1],
      ['timestamp', 'INTEGER', 0],
      ['type', 'TEXT', 0],
      ['payload', 'TEXT', 0],
      ['prev_hash', 'TEXT', 0],
      ['hash', 'TEXT', 0],
    ]);
    expect(connection.prepare('SELECT id, sequence, hash FROM journal_head').all()).toEqual([{ id: 1, sequence: 0, hash: genesisHash }]);
    const triggers = connection.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").pluck().all();
    expect(triggers).toEqual([
      'journal_head_forward_only',
      'journal_head_no_delete',
      'journal_head_no_insert',
      'journal_no_delete',
      'journal_no_overwrite',
      'journal_no_update',
    ]);
  });

  it('when a row is updated, deleted or overwritten through SQL, then the trigger refuses it', () => {
    const connection = migrated();
    connection.prepare('INSERT INTO journal VALUES (1, 0, ?, ?, ?, ?)').run('t', '{}', hash('0'), hash('1'));
    connection.prepare('UPDATE journal_head SET sequence = 1, hash = ?').run(hash('1'));
    expect(() => connection.exec("UPDATE journal SET payload = '{\"x\":1}'")).toThrow(/append-only: rows cannot be updated/);
    expect(() => connection.exec('DELETE FROM journal')).toThrow(/append-only: rows cannot be deleted/);
    expect(() => connection.prepare('INSERT OR REPLACE INTO journal VALUES (1, 5, ?, ?, ?, ?)').run('t', '{}', hash('0'), hash('2'))).toThrow(
      /at or below the head cannot be written/,
    );
    expect(connection.prepare('SELECT timestamp, hash FROM journal').all()).toEqual([{ timestamp: 0, hash: hash('1') }]);
  });

  it('when the head is deleted, replaced or moved backwards, then the trigger refuses it', () => {
    const connection = migrated();
    connection.prepare('UPDATE journal_head SET sequence = 5, hash = ?').run(hash('a'));
    expect(() => connection.exec('DELETE FROM journal_head')).toThrow(/cannot be deleted/);
    expect(() => connection.prepare('UPDATE journal_head SET sequence = 4').run()).toThrow(/only move forward/);
    expect(() => connection.prepare('INSERT OR REPLACE INTO journal_head VALUES (1, 0, ?)').run(hash('0'))).toThrow(/already exists/);
    expect(connection.prepare('SELECT sequence FROM journal_head').pluck().get()).toBe(5);
  });

  it('when a row breaks the column rules, then the STRICT table and its checks refuse it', () => {
    const connection = migrated();
    const insert = connection.prepare('INSERT INTO journal VALUES (?, ?, ?, ?, ?, ?)');
    expect(() => insert.run(0, 0, 't', '{}', hash('0'), hash('1'))).toThrow(/at or below the head|CHECK/);
    expect(() => insert.run(1, 'soon', 't', '{}', hash('0'), hash('1'))).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() => insert.run(1, 0, '', '{}', hash('0'), hash('1'))).toThrow(/CHECK/);
    expect(() => insert.run(1, 0, 't', '{}', 'short', hash('1'))).toThrow(/CHECK/);
  });
});
