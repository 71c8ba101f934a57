// Key → JSON value settings, and the pattern every repository follows:
// - the table comes from its own migration (migrations/0002-settings.ts);
// - statements are prepared once, in the constructor;
// - rows are read through RowReader, so a corrupt row fails fast naming the key;
// - input is validated before it is written (toJsonText refuses NaN, undefined, …);
// - no SQL leaves this file: callers see typed values only.
import type { Clock } from '../core/clock.ts';
import { AppError } from '../core/errors.ts';
import type { AppDatabase } from './database.ts';
import { toJsonText, type JsonValue } from './json-text.ts';
import { RowReader } from './row-reader.ts';

export type Setting = { readonly key: string; readonly value: JsonValue; readonly updatedAt: number };

type SettingRow = { key: unknown; value: unknown; updated_at: unknown };

export class SettingsRepository {
  readonly #clock: Clock;
  readonly #select;
  readonly #selectAll;
  readonly #upsert;
  readonly #delete;

  constructor(database: AppDatabase, clock: Clock) {
    this.#clock = clock;
    this.#select = database.prepare<[string], SettingRow>('SELECT key, value, updated_at FROM settings WHERE key = ?');
    this.#selectAll = database.prepare<[], SettingRow>('SELECT key, value, updated_at FROM settings ORDER BY key');
    this.#upsert = database.prepare<[string, string, number]>(
      'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    );
    this.#delete = database.prepare<[string]>('DELETE FROM settings WHERE key = ?');
  }

  /** The value stored under `key`, or undefined. */
  get(key: string): JsonValue | undefined {
    return this.getSetting(key)?.value;
  }

  /** The stored setting with its update time, or undefined. */
  getSetting(key: string): Setting | undefined {
    checkKey(key);
    const row = this.#select.get(key);
    return row === undefined ? undefined : toSetting(row);
  }

  /** Stores `value` (any JSON value) under `key`, replacing what was there. */
  set(key: string, value: JsonValue): void {
    checkKey(key);
    const text = toJsonText(value, `setting '${key}'`);
    this.#upsert.run(key, text, this.#clock.now());
  }

  /** Removes `key`; returns whether it existed. */
  delete(key: string): boolean {
    checkKey(key);
    return this.#delete.run(key).changes > 0;
  }

  /** Every setting, ordered by key. */
  all(): Setting[] {
    return this.#selectAll.all().map(toSetting);
  }
}

function toSetting(row: SettingRow): Setting {
  const key = new RowReader(row, 'settings row').text('key');
  const reader = new RowReader(row, `settings row '${key}'`);
  return { key, value: reader.json('value'), updatedAt: reader.integer('updated_at') };
}

function checkKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0 || key.length > 200) {
    throw new AppError('validation', `setting key must be a string of 1 to 200 characters, got ${JSON.stringify(key)}`);
  }
}
