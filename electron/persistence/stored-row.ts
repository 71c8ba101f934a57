// Reading rows back into domain objects, failing fast: a column of the wrong type, a NULL where
// a value belongs, or a value the domain restore function refuses is corrupt data, reported as
// an AppError('corrupt-data') naming the table, the row and the problem. RowReader covers the
// NOT NULL columns; this adds the nullable ones, REAL prices, Money and JSON objects.
import { DomainValidationError } from '../../shared/domain/errors.ts';
import { parseMoney, type Money } from '../../shared/domain/money.ts';
import { AppError, toAppError } from '../core/errors.ts';
import { RowReader } from './row-reader.ts';

export class StoredRow {
  readonly where: string;
  readonly #row: Readonly<Record<string, unknown>>;
  readonly #reader: RowReader;

  constructor(row: unknown, where: string) {
    this.#reader = new RowReader(row, where);
    this.#row = row as Record<string, unknown>;
    this.where = where;
  }

  text(column: string): string {
    return this.#reader.text(column);
  }

  optionalText(column: string): string | undefined {
    return this.#row[column] === null ? undefined : this.#reader.text(column);
  }

  integer(column: string): number {
    return this.#reader.integer(column);
  }

  optionalInteger(column: string): number | undefined {
    return this.#row[column] === null ? undefined : this.#reader.integer(column);
  }

  /** A REAL column (dollars per share): any finite number. */
  real(column: string): number {
    const value = this.#row[column];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw this.corrupt(`column ${column} should be a finite number but is ${describe(value)}`);
    return value;
  }

  optionalReal(column: string): number | undefined {
    return this.#row[column] === null ? undefined : this.real(column);
  }

  /** An INTEGER column of micro-dollars. */
  money(column: string): Money {
    return parseMoney(this.integer(column), column);
  }

  optionalMoney(column: string): Money | undefined {
    return this.#row[column] === null ? undefined : this.money(column);
  }

  /** 0 or 1. */
  boolean(column: string): boolean {
    const value = this.integer(column);
    if (value !== 0 && value !== 1) throw this.corrupt(`column ${column} should be 0 or 1 but is ${value}`);
    return value === 1;
  }

  /** A JSON column that must hold an object. */
  jsonObject(column: string): Record<string, unknown> {
    const value = this.#reader.json(column);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw this.corrupt(`column ${column} should hold a JSON object`);
    return value;
  }

  optionalJsonObject(column: string): Record<string, unknown> | undefined {
    return this.#row[column] === null ? undefined : this.jsonObject(column);
  }

  jsonArray(column: string): unknown[] {
    const value = this.#reader.json(column);
    if (!Array.isArray(value)) throw this.corrupt(`column ${column} should hold a JSON array`);
    return value;
  }

  /** Runs a domain restore function; whatever it throws becomes corrupt-data naming this row. */
  restore<T>(what: string, build: () => T): T {
    try {
      return build();
    } catch (error) {
      if (error instanceof AppError && error.code === 'corrupt-data') throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw this.corrupt(`does not hold a valid ${what}: ${message}`, error);
    }
  }

  corrupt(problem: string, cause?: unknown): AppError {
    return new AppError('corrupt-data', `${this.where}: ${problem}`, { cause, details: { where: this.where } });
  }
}

/**
 * Runs a domain constructor on input about to be written; a DomainValidationError (or any
 * other throw, e.g. a TypeError from a null where an object belongs) becomes a 'validation'
 * AppError prefixed with `what`, so nothing half-checked reaches the database.
 */
export function validated<T>(what: string, build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof AppError) throw error;
    const field = error instanceof DomainValidationError ? error.field : undefined;
    const message = toAppError(error).message;
    throw new AppError('validation', `${what} is invalid: ${message}`, { cause: error, details: field === undefined ? undefined : { field } });
  }
}

function describe(value: unknown): string {
  return value === null ? 'null' : typeof value === 'number' ? String(value) : typeof value;
}
