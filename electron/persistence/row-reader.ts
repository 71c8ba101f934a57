// Checks what a repository reads back before it becomes a typed object: a row of the wrong
// shape is corrupt data, and corrupt data is worse than no data, so it fails fast with an
// 'corrupt-data' AppError naming the table, the row and the column.
import { AppError } from '../core/errors.ts';
import { parseJsonText, type JsonValue } from './json-text.ts';

/** Reads columns of one row; `where` names the row in errors, e.g. "settings row 'theme'". */
export class RowReader {
  readonly #row: Readonly<Record<string, unknown>>;
  readonly #where: string;

  constructor(row: unknown, where: string) {
    if (typeof row !== 'object' || row === null) throw new AppError('corrupt-data', `${where} is not a row (got ${String(row)})`);
    this.#row = row as Record<string, unknown>;
    this.#where = where;
  }

  text(column: string): string {
    const value = this.#row[column];
    if (typeof value !== 'string') throw this.#corrupt(column, 'text', value);
    return value;
  }

  integer(column: string): number {
    const value = this.#row[column];
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw this.#corrupt(column, 'a safe integer', value);
    return value;
  }

  /** A column holding JSON text, parsed. */
  json(column: string): JsonValue {
    return parseJsonText(this.text(column), `${this.#where}, column ${column},`);
  }

  #corrupt(column: string, expected: string, value: unknown): AppError {
    const actual = value === null ? 'null' : typeof value;
    return new AppError('corrupt-data', `${this.#where}: column ${column} should be ${expected} but is ${actual}`, {
      details: { column, where: this.#where },
    });
  }
}
