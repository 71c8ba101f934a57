// A migrated database on a real file in a temporary folder, with a test clock and reopen(),
// for repository and store tests.
import { TestClock } from '../../core/test-clock.ts';
import { openDatabase, type AppDatabase } from '../database.ts';
import { createTemporaryDirectory, type TemporaryDirectory } from './temporary-directory.ts';

export type DatabaseHarness = {
  readonly directory: TemporaryDirectory;
  readonly clock: TestClock;
  readonly filePath: string;
  /** The open database (a new object after reopen()). */
  readonly database: AppDatabase;
  /** Closes and opens the file again, as a restart would. */
  reopen(): AppDatabase;
  dispose(): void;
};

export function createDatabaseHarness(prefix: string, startTime = Date.UTC(2026, 2, 10, 15)): DatabaseHarness {
  const directory = createTemporaryDirectory(prefix);
  const filePath = directory.file('app.sqlite');
  let database = openDatabase(filePath);
  return {
    directory,
    clock: new TestClock(startTime),
    filePath,
    get database() {
      return database;
    },
    reopen() {
      database.close();
      database = openDatabase(filePath);
      return database;
    },
    dispose() {
      database.close();
      directory.dispose();
    },
  };
}

/** Runs raw SQL with CHECK constraints off, to plant a corrupt row the way a damaged file or another tool could. */
export function writeCorruptRow(database: AppDatabase, sql: string, ...parameters: unknown[]): void {
  const connection = database.connection;
  connection.pragma('ignore_check_constraints = ON');
  try {
    connection.prepare(sql).run(...parameters);
  } finally {
    connection.pragma('ignore_check_constraints = OFF');
  }
}
