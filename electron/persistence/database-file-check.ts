// Looks at a database file before SQLite opens it, so a wrong or damaged file is reported with a
// clear message naming it, and never "repaired" by opening it. Reads only; never writes.
import fs from 'node:fs';
import { AppError } from '../core/errors.ts';

/** The 16 bytes every SQLite 3 database file starts with. */
const sqliteMagic = Buffer.from('SQLite format 3\u0000', 'latin1');
const headerLength = 100;

export type DatabaseFileState = 'missing' | 'empty' | 'sqlite';

/**
 * Classifies `filePath`: 'missing' (SQLite will create it), 'empty' (0 bytes: SQLite treats it as
 * a new database) or 'sqlite'. Throws 'database-unreadable' for a directory or a permission
 * problem and 'database-corrupt' for a file that is not SQLite or is shorter than its header says.
 */
export function inspectDatabaseFile(filePath: string, access: 'read' | 'read-write'): DatabaseFileState {
  let stats: fs.Stats;
  try {
    stats = fs.statSync(filePath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw unreadable(filePath, `cannot be inspected (${describe(error)})`, error);
  }
  if (stats.isDirectory()) throw unreadable(filePath, 'is a directory, not a database file');
  if (!stats.isFile()) throw unreadable(filePath, 'is not a regular file');
  try {
    fs.accessSync(filePath, access === 'read' ? fs.constants.R_OK : fs.constants.R_OK | fs.constants.W_OK);
  } catch (error) {
    throw unreadable(filePath, `cannot be opened for ${access === 'read' ? 'reading' : 'reading and writing'} (${describe(error)})`, error);
  }
  if (stats.size === 0) return 'empty';
  const header = readHeader(filePath);
  if (header.length < headerLength || !header.subarray(0, sqliteMagic.length).equals(sqliteMagic)) {
    throw corrupt(filePath, `is not a SQLite database (it does not start with the SQLite header; ${stats.size} bytes)`);
  }
  checkSizeAgainstHeader(filePath, header, stats.size);
  return 'sqlite';
}

/** A file shorter than the page count its header vouches for has lost its tail. */
function checkSizeAgainstHeader(filePath: string, header: Buffer, fileSize: number): void {
  // With a write-ahead log present, pages may legitimately live in the WAL until the next checkpoint.
  if (hasContent(`${filePath}-wal`)) return;
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize;
  const pageCount = header.readUInt32BE(28);
  // The page count is only valid when "version-valid-for" matches the change counter.
  const countIsValid = pageCount > 0 && header.readUInt32BE(92) === header.readUInt32BE(24);
  if (countIsValid && pageSize >= 512 && fileSize < pageCount * pageSize) {
    throw corrupt(
      filePath,
      `is truncated: its header says ${pageCount} pages of ${pageSize} bytes (${pageCount * pageSize} bytes) but the file has ${fileSize} bytes`,
    );
  }
}

function readHeader(filePath: string): Buffer {
  const descriptor = fs.openSync(filePath, 'r');
  try {
    const header = Buffer.alloc(headerLength);
    const read = fs.readSync(descriptor, header, 0, headerLength, 0);
    return header.subarray(0, read);
  } finally {
    fs.closeSync(descriptor);
  }
}

function hasContent(filePath: string): boolean {
  try {
    return fs.statSync(filePath).size > 0;
  } catch {
    return false;
  }
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  return code ? `${code}: ${message}` : message;
}

export function unreadable(filePath: string, problem: string, cause?: unknown): AppError {
  return new AppError('database-unreadable', `database file ${filePath} ${problem}`, { cause, details: { filePath } });
}

export function corrupt(filePath: string, problem: string, cause?: unknown): AppError {
  return new AppError(
    'database-corrupt',
    `database file ${filePath} ${problem}; it was left untouched (restore it from a backup or move it away to start afresh)`,
    { cause, details: { filePath } },
  );
}
