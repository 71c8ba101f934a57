// The history of each order (table order_events, migrations/0003-orders.ts): append-only.
import type { OrderId } from '../../shared/domain/ids.ts';
import type { AppDatabase } from './database.ts';
import { createOrderEventRecord, type NewOrderEventRecord, type OrderEventRecord } from './order-event-record.ts';
import { writeOrExplain } from './sqlite-constraint.ts';
import { StoredRow, validated } from './stored-row.ts';

const columns = 'id, order_id, time, event, outcome, from_status, to_status, cancel_filled_quantity, execution_id, message, error, journal_sequence';
type EventRow = Record<string, unknown>;

export class OrderEventRepository {
  readonly #insert;
  readonly #selectByOrder;
  readonly #selectRefused;

  constructor(database: AppDatabase) {
    this.#insert = database.prepare<[Record<string, unknown>]>(
      `INSERT INTO order_events (${columns.replace('id, ', '')}) VALUES (@order_id, @time, @event, @outcome, @from_status, @to_status,
       @cancel_filled_quantity, @execution_id, @message, @error, @journal_sequence)`,
    );
    this.#selectByOrder = database.prepare<[string], EventRow>(`SELECT ${columns} FROM order_events WHERE order_id = ? ORDER BY id`);
    this.#selectRefused = database.prepare<[number, number], EventRow>(
      `SELECT ${columns} FROM order_events WHERE outcome = 'refused' AND time >= ? ORDER BY time, id LIMIT ?`,
    );
  }

  /** Appends one history line; the order must be stored ('validation' otherwise). Returns it with its id. */
  append(input: NewOrderEventRecord): OrderEventRecord {
    const record = validated(`order event ${String(input?.event)} of order '${String(input?.orderId)}'`, () => createOrderEventRecord(input));
    const result = writeOrExplain(`order event ${record.event} of order '${record.orderId}'`, () => this.#insert.run(toRow(record)));
    return Object.freeze({ ...record, id: Number(result.lastInsertRowid) });
  }

  /** The order's history, oldest first. */
  listByOrder(orderId: OrderId): OrderEventRecord[] {
    return this.#selectByOrder.all(orderId).map(toRecord);
  }

  /** Refused transitions since `since` (epoch ms), oldest first: what the OMS should look into. */
  listRefused(options: { since?: number; limit?: number } = {}): OrderEventRecord[] {
    return this.#selectRefused.all(options.since ?? 0, options.limit ?? -1).map(toRecord);
  }
}

const nullable = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

function toRow(record: OrderEventRecord): Record<string, unknown> {
  return {
    order_id: record.orderId,
    time: record.time,
    event: record.event,
    outcome: record.outcome,
    from_status: nullable(record.fromStatus),
    to_status: nullable(record.toStatus),
    cancel_filled_quantity: nullable(record.cancelFilledQuantity),
    execution_id: nullable(record.executionId),
    message: nullable(record.message),
    error: nullable(record.error),
    journal_sequence: nullable(record.journalSequence),
  };
}

function toRecord(row: EventRow): OrderEventRecord {
  const id = new StoredRow(row, 'order_events row').integer('id');
  const reader = new StoredRow(row, `order_events row ${id}`);
  const input = {
    id,
    orderId: reader.text('order_id'),
    time: reader.integer('time'),
    event: reader.text('event'),
    outcome: reader.text('outcome'),
    fromStatus: reader.optionalText('from_status'),
    toStatus: reader.optionalText('to_status'),
    cancelFilledQuantity: reader.optionalInteger('cancel_filled_quantity'),
    executionId: reader.optionalText('execution_id'),
    message: reader.optionalText('message'),
    error: reader.optionalText('error'),
    journalSequence: reader.optionalInteger('journal_sequence'),
  };
  return reader.restore('order event', () => createOrderEventRecord(input as unknown as NewOrderEventRecord & { id: number }));
}
