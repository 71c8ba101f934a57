import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.ts';
import { createLogger, MemorySink } from '../core/logger.ts';
import { TestClock } from '../core/test-clock.ts';
import { openDatabase, type AppDatabase } from './database.ts';
import { migrations } from './migrations/index.ts';
import type { Migration } from './migrations/migration.ts';
import { createTemporaryDirectory, type TemporaryDirectory } from './testing/temporary-directory.ts';

const latest = migrations.length;
let temporary: TemporaryDirectory;
const opened: AppDatabase[] = [];

function open(file: string, options: Parameters<typeof openDatabase>[1] = {}): AppDatabase {
  const database = openDatabase(file, options);
  opened.push(database);
  return database;
}

function openError(file: string, options: Parameters<typeof openDatabase>[1] = {}): AppError {
  try {
    open(file, options);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error(`expected opening ${file} to fail`);
}

/** A real database with some pages of data, closed. */
function createFilledDatabase(file: string): void {
  const database = openDatabase(file);
  const insert = database.prepare<[string, string, number]>('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)');
  database.transaction(() => {
    for (let index = 0; index < 3_000; index++) insert.run(`key-${index}`, JSON.stringify({ index, text: 'x'.repeat(80) }), index);
  });
  database.close();
}

beforeEach(() => {
  temporary = createTemporaryDirectory('database-test-');
});

afterEach(() => {
  for (const database of opened.splice(0)) database.close();
  temporary.dispose();
});

describe('openDatabase', () => {
  it('when the file is new, then it is created, migrated to the latest version and set up for durable writes', () => {
    const database = open(temporary.file('new.sqlite'));
    const connection = database.connection;
    expect(database.schemaVersion).toBe(latest);
    expect(connection.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(connection.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(connection.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(connection.pragma('busy_timeout', { simple: true })).toBe(5_000);
  });

  it("when a throw-away simulation asks for 'normal' durability, then commits are fsynced only at checkpoints", () => {
    const database = openDatabase(temporary.file('simulation.sqlite'), { durability: 'normal' });
    opened.push(database);
    expect(database.connection.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(database.connection.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('when reopened, then no migration runs again and the data is still there', () => {
    const file = temporary.file('reopen.sqlite');
    const first = openDatabase(file);
    first.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run('a', '1', 0);
    first.close();
    const sink = new MemorySink();
    const second = open(file, { logger: createLogger({ clock: new TestClock(0), sink }) });
    expect(second.prepare('SELECT value FROM settings WHERE key = ?').pluck().get('a')).toBe('1');
    expect(sink.records.filter((record) => record.message === 'migration applied')).toEqual([]);
  });

  it('when a migration fails, then open fails, the version stays and the failed migration left nothing behind', () => {
    const file = temporary.file('failing.sqlite');
    openDatabase(file).close();
    const failing: Migration = {
      version: latest + 1,
      name: 'broken',
      up(connection) {
        connection.exec('CREATE TABLE half_done (id INTEGER)');
        throw new Error('deliberate failure');
      },
    };
    const error = openError(file, { migrations: [...migrations, failing] });
    expect(error.message).toMatch(/migration \d+ \('broken'\) failed: deliberate failure/);
    const database = open(file);
    expect(database.schemaVersion).toBe(latest);
    expect(database.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get()).toBe(0);
  });

  it('when the schema is newer than this build, then open is refused with a clear message and the file is untouched', () => {
    const file = temporary.file('future.sqlite');
    openDatabase(file).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${latest + 1}`);
    raw.close();
    const before = fs.readFileSync(file);
    const error = openError(file);
    expect(error.code).toBe('schema-too-new');
    expect(error.message).toContain(`database schema version ${latest + 1} is newer than this app supports (${latest}); update the app`);
    expect(error.message).toContain(file);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('when the file is not a SQLite database, then open fails naming the file and the bytes are unchanged', () => {
    const file = temporary.file('notes.sqlite');
    fs.writeFileSync(file, 'these are my trading notes, not a database '.repeat(10));
    const before = fs.readFileSync(file);
    const error = openError(file);
    expect(error).toMatchObject({ code: 'database-corrupt', category: 'invariant' });
    expect(error.message).toContain(file);
    expect(error.message).toContain('not a SQLite database');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(temporary.path)).toEqual(['notes.sqlite']);
  });

  it('when the file is truncated, then open fails saying so and the bytes are unchanged', () => {
    const file = temporary.file('truncated.sqlite');
    createFilledDatabase(file);
    fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2 / 4096) * 4096);
    const before = fs.readFileSync(file);
    const error = openError(file);
    expect(error.code).toBe('database-corrupt');
    expect(error.message).toMatch(/truncated/);
    expect(error.message).toContain(file);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('when a page inside the file is damaged, then quick_check fails the open and the bytes are unchanged', () => {
    const file = temporary.file('damaged.sqlite');
    createFilledDatabase(file);
    const bytes = fs.readFileSync(file);
    const middlePage = Math.floor(bytes.length / 4096 / 2);
    bytes.fill(0x5a, middlePage * 4096 + 50, middlePage * 4096 + 3_000);
    fs.writeFileSync(file, bytes);
    const error = openError(file);
    expect(error.code).toBe('database-corrupt');
    expect(error.message).toContain(file);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('when the path is a directory, then open fails as unreadable naming it', () => {
    const error = openError(temporary.path);
    expect(error.code).toBe('database-unreadable');
    expect(error.message).toContain(`${temporary.path} is a directory`);
  });

  it('when the folder of the file does not exist, then open fails as unreadable naming the file', () => {
    const file = temporary.file('missing-folder/app.sqlite');
    const error = openError(file);
    expect(error.code).toBe('database-unreadable');
    expect(error.message).toContain(file);
  });

  it('when opened read-only, then a missing file is refused and an existing one is read without writing it', () => {
    expect(openError(temporary.file('absent.sqlite'), { readonly: true }).message).toMatch(/does not exist/);
    const file = temporary.file('existing.sqlite');
    createFilledDatabase(file);
    const before = fs.readFileSync(file);
    const database = open(file, { readonly: true });
    expect(database.prepare('SELECT count(*) FROM settings').pluck().get()).toBe(3_000);
    expect(() => database.prepare('DELETE FROM settings').run()).toThrow(/readonly/);
    database.close();
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});

describe('AppDatabase.transaction', () => {
  it('when the body returns, then its writes are committed; when it throws, then all are rolled back', () => {
    const database = open(temporary.file('transactions.sqlite'));
    const insert = database.prepare<[string]>("INSERT INTO settings (key, value, updated_at) VALUES (?, '1', 0)");
    const count = database.prepare('SELECT count(*) FROM settings').pluck();
    expect(database.transaction(() => insert.run('kept').changes)).toBe(1);
    expect(() =>
      database.transaction(() => {
        insert.run('lost-1');
        insert.run('lost-2');
        throw new Error('abort');
      }),
    ).toThrow('abort');
    expect(count.get()).toBe(1);
  });

  it('when transactions nest and the inner one throws, then only the inner writes are rolled back', () => {
    const database = open(temporary.file('nested.sqlite'));
    const insert = database.prepare<[string]>("INSERT INTO settings (key, value, updated_at) VALUES (?, '1', 0)");
    database.transaction(() => {
      insert.run('outer');
      expect(() =>
        database.transaction(() => {
          insert.run('inner');
          throw new Error('inner failed');
        }),
      ).toThrow('inner failed');
    });
    expect(database.prepare('SELECT key FROM settings').pluck().all()).toEqual(['outer']);
  });

  it('when the body returns a Promise, then the transaction is refused and rolled back', () => {
    const database = open(temporary.file('async.sqlite'));
    const insert = database.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('a', '1', 0)");
    expect(() => database.transaction(async () => insert.run())).toThrow(/promise/i);
    expect(database.prepare('SELECT count(*) FROM settings').pluck().get()).toBe(0);
  });

  it('when the database is closed, then using it throws an illegal-state error and close stays idempotent', () => {
    const database = openDatabase(temporary.file('closed.sqlite'));
    database.close();
    database.close();
    expect(database.isOpen).toBe(false);
    expect(() => database.transaction(() => 1)).toThrow(expect.objectContaining({ code: 'illegal-state' }));
  });
});
