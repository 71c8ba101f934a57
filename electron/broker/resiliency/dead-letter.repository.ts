// The dead_letters table (migration 0009). SQL stays in this file; rows come back checked
// (a corrupt row fails with 'corrupt-data' naming the letter and the column).
import { parseClientOrderRef } from '../../../shared/domain/ids.ts';
import { DomainValidationError } from '../../../shared/domain/errors.ts';
import { AppError, isErrorCode, type ErrorCode } from '../../core/errors.ts';
import type { AppDatabase } from '../../persistence/database.ts';
import { parseJsonText } from '../../persistence/json-text.ts';
import { RowReader } from '../../persistence/row-reader.ts';
import { toStoredJson } from '../../persistence/stored-json.ts';
import { DEAD_LETTER_STATUSES, type DeadLetter, type DeadLetterStatus } from './dead-letter.ts';
import { deadLetterRef, parseDeadLetterRequest, requestBody, type DeadLetterRequest } from './dead-letter-request.ts';

type Row = Record<string, unknown>;

const columns = 'id, client_order_ref, kind, request, status, reason, error_code, attempts, broker_order_id, created_at, updated_at';

export interface NewDeadLetterRow {
  readonly request: DeadLetterRequest;
  readonly reason: string;
  readonly errorCode: ErrorCode;
  readonly attempts: number;
  readonly time: number;
}

export interface DeadLetterUpdate {
  readonly status: DeadLetterStatus;
  readonly reason: string;
  readonly errorCode: ErrorCode;
  readonly attempts: number;
  readonly brokerOrderId: number | undefined;
  readonly time: number;
}

export class DeadLetterRepository {
  readonly #insert;
  readonly #update;
  readonly #byId;
  readonly #byRef;
  readonly #all;
  readonly #withStatuses;

  constructor(database: AppDatabase) {
    this.#insert = database.prepare<[string, string, string, string, string, number, number, number]>(
      `INSERT INTO dead_letters (client_order_ref, kind, request, status, reason, error_code, attempts, broker_order_id, created_at, updated_at)
       VALUES (?, ?, ?, 'PENDING', ?, ?, ?, NULL, ?, ?)`,
    );
    this.#update = database.prepare<[string, string, string, number, number | null, number, number]>(
      'UPDATE dead_letters SET status = ?, reason = ?, error_code = ?, attempts = ?, broker_order_id = ?, updated_at = ? WHERE id = ?',
    );
    this.#byId = database.prepare<[number], Row>(`SELECT ${columns} FROM dead_letters WHERE id = ?`);
    this.#byRef = database.prepare<[string], Row>(`SELECT ${columns} FROM dead_letters WHERE client_order_ref = ?`);
    this.#all = database.prepare<[], Row>(`SELECT ${columns} FROM dead_letters ORDER BY id`);
    this.#withStatuses = database.prepare<[string], Row>(`SELECT ${columns} FROM dead_letters WHERE status IN (SELECT value FROM json_each(?)) ORDER BY id`);
  }

  /** Inserts a PENDING letter and returns its id. */
  insert(row: NewDeadLetterRow): number {
    const { request } = row;
    const json = toStoredJson(requestBody(request), () => `dead letter ${deadLetterRef(request)}`, request.kind);
    const result = this.#insert.run(deadLetterRef(request), request.kind, json, row.reason, row.errorCode, row.attempts, row.time, row.time);
    return Number(result.lastInsertRowid);
  }

  update(id: number, update: DeadLetterUpdate): void {
    const changed = this.#update.run(update.status, update.reason, update.errorCode, update.attempts, update.brokerOrderId ?? null, update.time, id).changes;
    if (changed !== 1) throw new AppError('not-found', `no dead letter with id ${id}`);
  }

  get(id: number): DeadLetter | undefined {
    const row = this.#byId.get(id);
    return row === undefined ? undefined : toDeadLetter(row);
  }

  byClientOrderRef(clientOrderRef: string): DeadLetter | undefined {
    const row = this.#byRef.get(clientOrderRef);
    return row === undefined ? undefined : toDeadLetter(row);
  }

  /** Every letter, or those in `statuses`, oldest first. */
  list(statuses?: readonly DeadLetterStatus[]): DeadLetter[] {
    const rows = statuses === undefined ? this.#all.all() : this.#withStatuses.all(JSON.stringify(statuses));
    return rows.map(toDeadLetter);
  }
}

function toDeadLetter(row: Row): DeadLetter {
  const id = new RowReader(row, 'dead_letters row').integer('id');
  const where = `dead letter ${id}`;
  const reader = new RowReader(row, where);
  const request = parseDeadLetterRequest(reader.text('kind'), parseJsonText(reader.text('request'), `${where}, column request,`), 'corrupt-data', `${where}, column request`);
  const brokerOrderId = row.broker_order_id === null ? undefined : reader.integer('broker_order_id');
  return {
    id,
    clientOrderRef: checked(where, 'client_order_ref', () => parseClientOrderRef(reader.text('client_order_ref'))),
    request,
    status: checked(where, 'status', () => oneOf(reader.text('status'), DEAD_LETTER_STATUSES)),
    reason: reader.text('reason'),
    errorCode: checked(where, 'error_code', () => errorCodeOf(reader.text('error_code'))),
    attempts: reader.integer('attempts'),
    brokerOrderId,
    createdAt: reader.integer('created_at'),
    updatedAt: reader.integer('updated_at'),
  };
}

function checked<T>(where: string, column: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof AppError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new AppError('corrupt-data', `${where}: column ${column} is invalid: ${message}`, { cause: error, details: { column } });
  }
}

function oneOf<T extends string>(value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new DomainValidationError('status', `must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  return value as T;
}

function errorCodeOf(value: string): ErrorCode {
  if (!isErrorCode(value)) throw new DomainValidationError('error_code', `is not a known error code: ${JSON.stringify(value)}`);
  return value;
}
