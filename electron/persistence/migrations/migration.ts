// The migration contract and runner. One migration per file (NNNN-name.ts), listed in order in
// ./index.ts. Each pending migration runs in its own transaction together with the update of
// PRAGMA user_version, so a failed migration leaves the schema and the version as they were.
//
// Writing a migration:
// - `up(connection)` runs inside a transaction: use connection.exec / prepare, never BEGIN/COMMIT,
//   and keep it synchronous (better-sqlite3 is synchronous; a Promise is refused).
// - PRAGMA foreign_keys cannot change inside a transaction; to rebuild a table referenced by
//   foreign keys use PRAGMA defer_foreign_keys = ON (checked at commit) instead.
// - Never edit a released migration; add a new one.
import type Database from 'better-sqlite3';
import { AppError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';

export type SqliteConnection = Database.Database;

export type Migration = {
  /** 1, 2, 3, … without gaps; becomes PRAGMA user_version once applied. */
  readonly version: number;
  /** kebab-case, as in the file name (0002-settings.ts → 'settings'). */
  readonly name: string;
  up(connection: SqliteConnection): void;
};

export type MigrationReport = {
  fromVersion: number;
  toVersion: number;
  applied: ReadonlyArray<{ version: number; name: string }>;
};

/** Throws an 'invariant' AppError unless versions run 1, 2, 3, … with kebab-case names. */
export function validateMigrations(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    const expected = index + 1;
    if (migration.version !== expected) {
      throw new AppError('invariant', `migration list is broken: position ${expected} holds version ${migration.version} ('${migration.name}'); versions must run 1, 2, 3, … without gaps`);
    }
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(migration.name)) {
      throw new AppError('invariant', `migration ${migration.version} has an invalid name '${migration.name}' (use kebab-case)`);
    }
    if (typeof migration.up !== 'function') throw new AppError('invariant', `migration ${migration.version} ('${migration.name}') has no up()`);
  });
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.at(-1)?.version ?? 0;
}

export function readUserVersion(connection: SqliteConnection): number {
  return connection.pragma('user_version', { simple: true }) as number;
}

/** Applies every migration above the database's user_version, each in its own transaction. */
export function runMigrations(connection: SqliteConnection, migrations: readonly Migration[], logger?: Logger): MigrationReport {
  validateMigrations(migrations);
  const fromVersion = readUserVersion(connection);
  const applied: Array<{ version: number; name: string }> = [];
  for (const migration of migrations) {
    if (migration.version <= fromVersion) continue;
    const ran = connection.transaction(() => applyOne(connection, migration)).immediate();
    if (ran) {
      applied.push({ version: migration.version, name: migration.name });
      logger?.info('migration applied', { version: migration.version, name: migration.name });
    }
  }
  return { fromVersion, toVersion: readUserVersion(connection), applied };
}

/** Runs one migration inside the caller's transaction; false when another writer already applied it. */
function applyOne(connection: SqliteConnection, migration: Migration): boolean {
  // Re-read inside the write lock: another process may have migrated since we looked.
  const current = readUserVersion(connection);
  if (current >= migration.version) return false;
  if (current !== migration.version - 1) {
    throw new AppError('invariant', `cannot apply migration ${migration.version} ('${migration.name}') to a database at version ${current}`);
  }
  let result: unknown;
  try {
    result = migration.up(connection);
  } catch (error) {
    throw new AppError('invariant', `migration ${migration.version} ('${migration.name}') failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
      details: { version: migration.version, name: migration.name },
    });
  }
  if (result !== undefined && typeof (result as { then?: unknown }).then === 'function') {
    throw new AppError('invariant', `migration ${migration.version} ('${migration.name}') returned a Promise; migrations must be synchronous`);
  }
  connection.pragma(`user_version = ${migration.version}`);
  return true;
}
