// The one owner of the SQLite connection. openDatabase() checks the file, applies the pragmas,
// refuses a schema newer than this build and runs pending migrations; repositories and the
// journal then use prepare()/transaction() on the AppDatabase it returns.
//
// Durability: journal_mode=WAL with synchronous=FULL (the default, and what the app runs with)
// makes SQLite fsync the write-ahead log at every commit, so a committed transaction (an order
// saved before it is sent) survives a power cut. 'normal' (synchronous=NORMAL) fsyncs only at
// checkpoints: every commit still survives a crash or kill of the process, but the last ones
// may be lost on a power cut. Only accelerated simulations in throw-away folders use it.
import Database from 'better-sqlite3';
import { AppError } from '../core/errors.ts';
import { silentLogger, type Logger } from '../core/logger.ts';
import { corrupt, inspectDatabaseFile, unreadable } from './database-file-check.ts';
import { migrations as registeredMigrations } from './migrations/index.ts';
import { latestVersion, readUserVersion, runMigrations, validateMigrations, type Migration, type SqliteConnection } from './migrations/migration.ts';

export type { SqliteConnection } from './migrations/migration.ts';

export type OpenDatabaseOptions = {
  logger?: Logger;
  /** Open without writing anything: no WAL switch, no migrations. */
  readonly?: boolean;
  /** The migrations to apply; the registry (./migrations/index.ts) by default. */
  migrations?: readonly Migration[];
  /** How long a statement waits for another connection's lock; 5,000 ms by default. */
  busyTimeoutMs?: number;
  /** 'full' (default): every commit fsynced. 'normal': survives a process crash, not a power cut (simulations only). */
  durability?: Durability;
};

export type Durability = 'full' | 'normal';

export class AppDatabase {
  readonly filePath: string;
  readonly readonly: boolean;
  readonly #connection: SqliteConnection;
  readonly #runInTransaction: Database.Transaction<(body: () => unknown) => unknown>;
  #open = true;

  constructor(filePath: string, connection: SqliteConnection, readonly: boolean) {
    this.filePath = filePath;
    this.readonly = readonly;
    this.#connection = connection;
    this.#runInTransaction = connection.transaction((body: () => unknown) => body());
  }

  get isOpen(): boolean {
    return this.#open;
  }

  /** The raw better-sqlite3 connection, for repositories that need more than prepare(). */
  get connection(): SqliteConnection {
    this.#assertOpen();
    return this.#connection;
  }

  get schemaVersion(): number {
    return readUserVersion(this.connection);
  }

  /** Compiles `sql` once; keep the statement and reuse it. */
  prepare<Parameters extends unknown[] = unknown[], Row = unknown>(sql: string): Database.Statement<Parameters, Row> {
    return this.connection.prepare<Parameters, Row>(sql);
  }

  /**
   * Runs `body` in one write transaction (BEGIN IMMEDIATE) and commits when it returns; any
   * throw rolls everything back. Nested calls become savepoints of the outer transaction.
   * `body` must be synchronous. Read-only databases use a deferred (read) transaction.
   */
  transaction<Result>(body: () => Result): Result {
    this.#assertOpen();
    // better-sqlite3 turns a nested call into a savepoint and refuses a body that returns a Promise.
    const run = this.readonly ? this.#runInTransaction.deferred : this.#runInTransaction.immediate;
    return run(body) as Result;
  }

  /** Closes the connection; later calls do nothing. */
  close(): void {
    if (!this.#open) return;
    this.#open = false;
    this.#connection.close();
  }

  #assertOpen(): void {
    if (!this.#open) throw new AppError('illegal-state', `database ${this.filePath} is closed`);
  }
}

/** Opens (creating if missing, unless readonly) and migrates the database at `filePath`. */
export function openDatabase(filePath: string, options: OpenDatabaseOptions = {}): AppDatabase {
  const logger = (options.logger ?? silentLogger).child({ component: 'database' });
  const migrations = options.migrations ?? registeredMigrations;
  const readonly = options.readonly ?? false;
  validateMigrations(migrations);
  const state = inspectDatabaseFile(filePath, readonly ? 'read' : 'read-write');
  if (state === 'missing' && readonly) throw unreadable(filePath, 'does not exist (cannot create it in read-only mode)');
  const connection = connect(filePath, readonly);
  try {
    prepareConnection(connection, filePath, migrations, readonly, options.busyTimeoutMs ?? 5_000, options.durability ?? 'full');
    if (!readonly) {
      const report = runMigrations(connection, migrations, logger);
      logger.info('database opened', { filePath, created: state !== 'sqlite', ...report });
    } else {
      logger.info('database opened read-only', { filePath, schemaVersion: readUserVersion(connection) });
    }
  } catch (error) {
    connection.close();
    throw error;
  }
  return new AppDatabase(filePath, connection, readonly);
}

function connect(filePath: string, readonly: boolean): SqliteConnection {
  try {
    return new Database(filePath, { readonly, fileMustExist: readonly });
  } catch (error) {
    throw classifySqliteError(filePath, error, 'cannot be opened');
  }
}

/** Checks integrity and version before anything is written, then sets the pragmas. */
function prepareConnection(connection: SqliteConnection, filePath: string, migrations: readonly Migration[], readonly: boolean, busyTimeoutMs: number, durability: Durability): void {
  connection.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
  let version: number;
  try {
    version = readUserVersion(connection);
    const problems = connection.pragma('quick_check', { simple: false }) as Array<{ quick_check: string }>;
    const findings = problems.map((row) => row.quick_check).filter((finding) => finding !== 'ok');
    if (findings.length > 0) throw corrupt(filePath, `failed PRAGMA quick_check: ${findings.slice(0, 3).map((finding) => finding.slice(0, 300)).join('; ')}`);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw classifySqliteError(filePath, error, 'could not be read');
  }
  const supported = latestVersion(migrations);
  if (version > supported) {
    throw new AppError('schema-too-new', `database schema version ${version} is newer than this app supports (${supported}); update the app (file ${filePath} was left untouched)`, {
      details: { filePath, version, supported },
    });
  }
  connection.pragma('foreign_keys = ON');
  if (readonly) return;
  const mode = connection.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') throw unreadable(filePath, `could not switch to WAL journal mode (got '${String(mode)}')`);
  connection.pragma(durability === 'full' ? 'synchronous = FULL' : 'synchronous = NORMAL');
}

/** Maps a better-sqlite3 error to our taxonomy, naming the file. */
function classifySqliteError(filePath: string, error: unknown, what: string): AppError {
  const code = String((error as { code?: unknown }).code ?? '');
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_NOTADB') return corrupt(filePath, `is not a SQLite database (${message})`, error);
  if (code === 'SQLITE_CORRUPT') return corrupt(filePath, `is corrupt (${message})`, error);
  if (code === 'SQLITE_BUSY') return new AppError('database-busy', `database file ${filePath} is locked by another process (${message})`, { cause: error });
  return unreadable(filePath, `${what} (${code || 'error'}: ${message})`, error);
}
