// Operator alerts (migrations/0007-alerts.ts): raised, acknowledged once, found by dedup key.
import { acknowledgeAlert, createAlert, type Alert, type AlertInput, type AlertSeverity } from '../../shared/domain/alert.ts';
import type { AlertId } from '../../shared/domain/ids.ts';
import { AppError } from '../core/errors.ts';
import type { AppDatabase } from './database.ts';
import { writeOrExplain } from './sqlite-constraint.ts';
import { StoredRow, validated } from './stored-row.ts';

const columns = 'id, severity, source, message, created_at, acknowledged_at, dedup_key';
type Row = Record<string, unknown>;

export class AlertRepository {
  readonly #database: AppDatabase;
  readonly #insert;
  readonly #acknowledge;
  readonly #selectById;
  readonly #selectUnacknowledged;
  readonly #selectByDedupKey;
  readonly #selectRecent;

  constructor(database: AppDatabase) {
    this.#database = database;
    this.#insert = database.prepare<[Row]>(`INSERT INTO alerts (${columns}) VALUES (@id, @severity, @source, @message, @created_at, @acknowledged_at, @dedup_key)`);
    this.#acknowledge = database.prepare<[number, string]>('UPDATE alerts SET acknowledged_at = ? WHERE id = ? AND acknowledged_at IS NULL');
    this.#selectById = database.prepare<[string], Row>(`SELECT ${columns} FROM alerts WHERE id = ?`);
    this.#selectUnacknowledged = database.prepare<[], Row>(`SELECT ${columns} FROM alerts WHERE acknowledged_at IS NULL ORDER BY created_at, rowid`);
    this.#selectByDedupKey = database.prepare<[string, number], Row>(
      `SELECT ${columns} FROM alerts WHERE dedup_key = ? AND created_at >= ? ORDER BY created_at DESC, rowid DESC LIMIT 1`,
    );
    this.#selectRecent = database.prepare<[number], Row>(`SELECT ${columns} FROM alerts ORDER BY created_at DESC, rowid DESC LIMIT ?`);
  }

  /** Stores an alert; refuses a stored id ('conflict') or an invalid alert ('validation'). */
  insert(alert: Alert): Alert {
    const checked = validated(`alert '${String(alert?.id)}'`, () => createAlert(alert));
    return this.#database.transaction(() => {
      if (this.#selectById.get(checked.id) !== undefined) throw new AppError('conflict', `alert id '${checked.id}' is already stored`);
      writeOrExplain(`alert '${checked.id}'`, () => this.#insert.run(toRow(checked)));
      return checked;
    });
  }

  /**
   * Marks the alert acknowledged at `now` and returns it; an alert acknowledged before keeps its
   * first time (and `changed` is false). Throws 'not-found' for an unknown id.
   */
  acknowledge(id: AlertId, now: number): { readonly alert: Alert; readonly changed: boolean } {
    return this.#database.transaction(() => {
      const stored = this.get(id);
      if (stored === undefined) throw new AppError('not-found', `alert '${id}' is not stored`);
      const acknowledged = validated(`acknowledgement of alert '${id}'`, () => acknowledgeAlert(stored, now));
      if (acknowledged === stored) return { alert: stored, changed: false };
      this.#acknowledge.run(acknowledged.acknowledgedAt as number, id);
      return { alert: acknowledged, changed: true };
    });
  }

  get(id: AlertId): Alert | undefined {
    const row = this.#selectById.get(id);
    return row === undefined ? undefined : toAlert(row);
  }

  /** Alerts not acknowledged yet, oldest first. */
  listUnacknowledged(): Alert[] {
    return this.#selectUnacknowledged.all().map(toAlert);
  }

  /** The most recent alert with `dedupKey` raised at or after `since`: the condition is already reported. */
  findByDedupKeySince(dedupKey: string, since: number): Alert | undefined {
    const row = this.#selectByDedupKey.get(dedupKey, since);
    return row === undefined ? undefined : toAlert(row);
  }

  /** The `limit` most recent alerts, newest first. */
  listRecent(limit: number): Alert[] {
    return this.#selectRecent.all(limit).map(toAlert);
  }
}

function toRow(alert: Alert): Row {
  return {
    id: alert.id,
    severity: alert.severity,
    source: alert.source,
    message: alert.message,
    created_at: alert.createdAt,
    acknowledged_at: alert.acknowledgedAt ?? null,
    dedup_key: alert.dedupKey ?? null,
  };
}

function toAlert(row: Row): Alert {
  const id = new StoredRow(row, 'alerts row').text('id');
  const reader = new StoredRow(row, `alerts row '${id}'`);
  const input: AlertInput = {
    id,
    severity: reader.text('severity') as AlertSeverity,
    source: reader.text('source'),
    message: reader.text('message'),
    createdAt: reader.integer('created_at'),
    acknowledgedAt: reader.optionalInteger('acknowledged_at'),
    dedupKey: reader.optionalText('dedup_key'),
  };
  return reader.restore('alert', () => createAlert(input));
}
