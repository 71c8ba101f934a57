// Raw better-sqlite3 connections on real files in one temporary folder, for migration tests.
import Database from 'better-sqlite3';
import type { Disposable } from '../../core/lifecycle.ts';
import { runMigrations, type Migration, type SqliteConnection } from '../migrations/migration.ts';
import { createTemporaryDirectory } from './temporary-directory.ts';

export type ScratchConnections = Disposable & {
  /** A connection to a new database file in the folder. */
  open(): SqliteConnection;
  /** A new database with foreign keys on and the first `version` migrations applied. */
  openMigrated(migrations: readonly Migration[], version: number): SqliteConnection;
};

export function createScratchConnections(): ScratchConnections {
  const directory = createTemporaryDirectory('migration-test-');
  const connections: SqliteConnection[] = [];
  return {
    open() {
      const connection = new Database(directory.file(`scratch-${connections.length}.sqlite`));
      connections.push(connection);
      return connection;
    },
    openMigrated(migrations, version) {
      const connection = this.open();
      connection.pragma('foreign_keys = ON');
      runMigrations(connection, migrations.slice(0, version));
      return connection;
    },
    dispose() {
      for (const connection of connections.splice(0)) connection.close();
      directory.dispose();
    },
  };
}
