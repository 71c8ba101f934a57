// The append-only event journal every state change passes through. Each entry has a sequence
// (1, 2, 3, … without gaps), a timestamp from the Clock, a type, a JSON payload and a SHA-256
// hash chained to the previous entry (see journal-hash.ts). A head record (last sequence and
// hash) is updated in the same transaction as every append, so cutting rows off the tail is
// detected by verify() (see journal-verify.ts for what it can and cannot detect). SQLite
// triggers (migrations/0001-journal.ts) refuse UPDATE and DELETE on the journal.
//
// Durability: append() commits its own transaction (fsynced, see database.ts) before it
// returns. Called inside an outer AppDatabase.transaction(), it joins that transaction instead
// (a savepoint), so an order and its event commit or roll back together.
import type { Clock } from '../../core/clock.ts';
import { AppError } from '../../core/errors.ts';
import type { AppDatabase } from '../database.ts';
import { parseJsonText, toJsonText } from '../json-text.ts';
import { RowReader } from '../row-reader.ts';
import { entryHash } from './journal-hash.ts';
import { verifyJournal } from './journal-verify.ts';
import type { JournalEntry, JournalHead, JournalReadOptions, JournalVerification, NewJournalEntry } from './journal.types.ts';

const pageSize = 1_000;
/** Batches insert this many rows per statement: one step instead of 50 cuts the per-row cost by a sixth. */
const rowsPerInsert = 50;
const columnsPerRow = 6;
const noLimit = -1;
const allTypes = '';
/** 1 to 200 characters, none of them control characters (the hash encoding relies on no newline). */
const controlCharacter = /\p{Cc}/u;

type EntryRow = { sequence: unknown; timestamp: unknown; type: unknown; payload: unknown; prev_hash: unknown; hash: unknown };
type ReadParameters = { from: number; to: number; types: string; limit: number };

export class Journal {
  readonly #database: AppDatabase;
  readonly #clock: Clock;
  readonly #insert;
  readonly #insertChunk;
  readonly #selectHead;
  readonly #updateHead;
  readonly #selectRange;
  readonly #knownTypes = new Set<string>();

  constructor(database: AppDatabase, clock: Clock) {
    this.#database = database;
    this.#clock = clock;
    this.#insert = database.prepare<unknown[]>(insertSql(1));
    this.#insertChunk = database.prepare<unknown[]>(insertSql(rowsPerInsert));
    this.#selectHead = database.prepare<[], { sequence: unknown; hash: unknown }>('SELECT sequence, hash FROM journal_head WHERE id = 1');
    this.#updateHead = database.prepare<[number, string]>('UPDATE journal_head SET sequence = ?, hash = ? WHERE id = 1');
    // One statement for every filter: an empty types argument means "all types".
    this.#selectRange = database.prepare<[ReadParameters], EntryRow>(
      `SELECT sequence, timestamp, type, payload, prev_hash, hash FROM journal
       WHERE sequence >= @from AND sequence <= @to AND (@types = '' OR type IN (SELECT value FROM json_each(@types)))
       ORDER BY sequence LIMIT @limit`,
    );
  }

  /** Appends one entry durably (its own transaction) and returns it; `payload` must be JSON-serialisable. */
  append<Payload>(type: string, payload: Payload): JournalEntry<Payload> {
    const [entry] = this.appendMany([{ type, payload }]) as [JournalEntry<Payload>];
    return entry;
  }

  /**
   * Appends `entries` in one transaction (all or nothing), in order, with one timestamp for the
   * batch. Every type and payload is validated before anything is written.
   */
  appendMany(entries: readonly NewJournalEntry[]): JournalEntry[] {
    if (entries.length === 0) return [];
    const types: string[] = new Array<string>(entries.length);
    const payloads: string[] = new Array<string>(entries.length);
    for (let index = 0; index < entries.length; index++) {
      const entry = entries[index] as NewJournalEntry;
      types[index] = this.#checkType(entry.type);
      payloads[index] = toJsonText(entry.payload, () => `journal payload of type '${entry.type}'`, 'payload');
    }
    const timestamp = this.#timestamp();
    return this.#database.transaction(() => {
      const head = this.head();
      const written = chainEntries(entries, types, payloads, timestamp, head);
      this.#insertRows(written, payloads);
      const last = written[written.length - 1] as JournalEntry;
      this.#updateHead.run(last.sequence, last.hash);
      return written;
    });
  }

  /** The last appended entry's sequence and hash (0 and the genesis hash when empty). */
  head(): JournalHead {
    const row = this.#selectHead.get();
    if (row === undefined) throw new AppError('corrupt-data', 'the journal head record is missing');
    const reader = new RowReader(row, 'journal head');
    return { sequence: reader.integer('sequence'), hash: reader.text('hash') };
  }

  /** Entries in sequence order, filtered by `options`, as one array (use entries() for large reads). */
  read(options: JournalReadOptions = {}): JournalEntry[] {
    return [...this.entries(options)];
  }

  /**
   * Entries in sequence order, fetched a page at a time: no cursor stays open between pages,
   * so the consumer may write to the database (even append) while iterating.
   */
  *entries(options: JournalReadOptions = {}): Generator<JournalEntry, void, undefined> {
    const { from, to, types, limit } = checkReadOptions(options);
    let next = from;
    let remaining = limit;
    while (remaining !== 0 && next <= to) {
      const page = this.#selectRange.all({ from: next, to, types, limit: remaining < 0 ? pageSize : Math.min(pageSize, remaining) });
      for (const row of page) yield toEntry(row);
      if (page.length < pageSize) return;
      if (remaining > 0) remaining -= page.length;
      next = (page.at(-1) as { sequence: number }).sequence + 1;
    }
  }

  /** Calls `handler` for each entry in sequence order (to rebuild state); returns how many and the last sequence. */
  replay(handler: (entry: JournalEntry) => void, options: Omit<JournalReadOptions, 'limit'> = {}): { count: number; lastSequence: number } {
    let count = 0;
    let lastSequence = 0;
    for (const entry of this.entries(options)) {
      handler(entry);
      count++;
      lastSequence = entry.sequence;
    }
    return { count, lastSequence };
  }

  /** Checks the whole hash chain and the head; see journal-verify.ts. */
  verify(): JournalVerification {
    return verifyJournal(this.#database.connection);
  }

  /** Inserts the chained entries, `rowsPerInsert` rows per statement while enough remain. */
  #insertRows(written: readonly JournalEntry[], payloads: readonly string[]): void {
    const parameters: unknown[] = new Array<unknown>(rowsPerInsert * columnsPerRow);
    let index = 0;
    for (; index + rowsPerInsert <= written.length; index += rowsPerInsert) {
      for (let row = 0; row < rowsPerInsert; row++) {
        fillRow(parameters, row * columnsPerRow, written[index + row] as JournalEntry, payloads[index + row] as string);
      }
      this.#insertChunk.run(...parameters);
    }
    const single: unknown[] = new Array<unknown>(columnsPerRow);
    for (; index < written.length; index++) {
      fillRow(single, 0, written[index] as JournalEntry, payloads[index] as string);
      this.#insert.run(...single);
    }
  }

  #checkType(type: string): string {
    if (this.#knownTypes.has(type)) return type;
    if (typeof type !== 'string' || type.length === 0 || type.length > 200 || controlCharacter.test(type)) {
      throw new AppError('validation', `journal entry type must be 1 to 200 printable characters without newlines, got ${JSON.stringify(type)}`);
    }
    this.#knownTypes.add(type);
    return type;
  }

  #timestamp(): number {
    const now = this.#clock.now();
    if (!Number.isSafeInteger(now)) throw new AppError('invariant', `the journal clock returned ${now}, not integer milliseconds`);
    return now;
  }
}

/** Gives each entry its sequence, timestamp and chained hash, continuing from `head`. */
function chainEntries(entries: readonly NewJournalEntry[], types: readonly string[], payloads: readonly string[], timestamp: number, head: JournalHead): JournalEntry[] {
  const written: JournalEntry[] = new Array<JournalEntry>(entries.length);
  let { sequence, hash } = head;
  for (let index = 0; index < entries.length; index++) {
    const type = types[index] as string;
    const prevHash = hash;
    sequence += 1;
    hash = entryHash(prevHash, sequence, timestamp, type, payloads[index] as string);
    written[index] = { sequence, timestamp, type, payload: (entries[index] as NewJournalEntry).payload, prevHash, hash };
  }
  return written;
}

function fillRow(parameters: unknown[], offset: number, entry: JournalEntry, payload: string): void {
  parameters[offset] = entry.sequence;
  parameters[offset + 1] = entry.timestamp;
  parameters[offset + 2] = entry.type;
  parameters[offset + 3] = payload;
  parameters[offset + 4] = entry.prevHash;
  parameters[offset + 5] = entry.hash;
}

function insertSql(rows: number): string {
  const values = Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?)').join(', ');
  return `INSERT INTO journal (sequence, timestamp, type, payload, prev_hash, hash) VALUES ${values}`;
}

function toEntry(row: EntryRow): JournalEntry {
  const sequence = new RowReader(row, 'journal row').integer('sequence');
  const reader = new RowReader(row, `journal row ${sequence}`);
  return {
    sequence,
    timestamp: reader.integer('timestamp'),
    type: reader.text('type'),
    payload: parseJsonText(reader.text('payload'), `journal row ${sequence}, column payload,`),
    prevHash: reader.text('prev_hash'),
    hash: reader.text('hash'),
  };
}

function checkReadOptions(options: JournalReadOptions): { from: number; to: number; types: string; limit: number } {
  const from = options.fromSequence ?? 1;
  const to = options.toSequence ?? Number.MAX_SAFE_INTEGER;
  const limit = options.limit ?? noLimit;
  if (!Number.isSafeInteger(from) || from < 1) throw new AppError('validation', `journal read: fromSequence must be an integer ≥ 1, got ${from}`);
  if (!Number.isSafeInteger(to)) throw new AppError('validation', `journal read: toSequence must be an integer, got ${to}`);
  if (limit !== noLimit && (!Number.isSafeInteger(limit) || limit < 0)) throw new AppError('validation', `journal read: limit must be an integer ≥ 0, got ${limit}`);
  if (options.types !== undefined && (!Array.isArray(options.types) || options.types.some((type) => typeof type !== 'string'))) {
    throw new AppError('validation', 'journal read: types must be an array of strings');
  }
  const types = options.types === undefined ? allTypes : JSON.stringify(options.types);
  return { from, to, types, limit };
}
