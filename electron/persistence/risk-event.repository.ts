// Risk governor events (migrations/0008-risk-events.ts), append-only: denials, state changes, halts.
import type { AppDatabase } from './database.ts';
import { createRiskEvent, type RiskEvent, type RiskEventInput, type RiskEventKind } from './risk-event.ts';
import { writeOrExplain } from './sqlite-constraint.ts';
import { StoredRow, validated } from './stored-row.ts';

const columns = 'id, kind, time, reason, trading_state, previous_state, denial_code, order_id, latched, halt_trigger';
type Row = Record<string, unknown>;

export class RiskEventRepository {
  readonly #insert;
  readonly #selectSince;
  readonly #selectKindSince;
  readonly #selectLatestStateChange;

  constructor(database: AppDatabase) {
    this.#insert = database.prepare<[Row]>(
      `INSERT INTO risk_events (${columns.replace('id, ', '')}) VALUES (@kind, @time, @reason, @trading_state, @previous_state, @denial_code, @order_id, @latched, @halt_trigger)`,
    );
    this.#selectSince = database.prepare<[number, number], Row>(`SELECT ${columns} FROM risk_events WHERE time >= ? ORDER BY time, id LIMIT ?`);
    this.#selectKindSince = database.prepare<[string, number, number], Row>(`SELECT ${columns} FROM risk_events WHERE kind = ? AND time >= ? ORDER BY time, id LIMIT ?`);
    this.#selectLatestStateChange = database.prepare<[], Row>(
      `SELECT ${columns} FROM risk_events WHERE kind IN ('STATE_CHANGE', 'HALT') ORDER BY time DESC, id DESC LIMIT 1`,
    );
  }

  /** Appends an event and returns it with its id; 'validation' for an inconsistent event or an unknown order. */
  append(input: RiskEventInput): RiskEvent {
    const event = validated(`risk event ${String(input?.kind)}`, () => createRiskEvent(input));
    const result = writeOrExplain(`risk event ${event.kind}`, () => this.#insert.run(toRow(event)));
    return Object.freeze({ ...event, id: Number(result.lastInsertRowid) });
  }

  /** Events at or after `since`, oldest first; only `kind` when given. */
  list(options: { since?: number; kind?: RiskEventKind; limit?: number } = {}): RiskEvent[] {
    const since = options.since ?? 0;
    const limit = options.limit ?? -1;
    const rows = options.kind === undefined ? this.#selectSince.all(since, limit) : this.#selectKindSince.all(options.kind, since, limit);
    return rows.map(toRiskEvent);
  }

  /** The last STATE_CHANGE or HALT: the trading state to start from after a restart. */
  latestStateChange(): RiskEvent | undefined {
    const row = this.#selectLatestStateChange.get();
    return row === undefined ? undefined : toRiskEvent(row);
  }
}

function toRow(event: RiskEvent): Row {
  return {
    kind: event.kind,
    time: event.time,
    reason: event.reason,
    trading_state: event.tradingState,
    previous_state: event.previousState ?? null,
    denial_code: event.denialCode ?? null,
    order_id: event.orderId ?? null,
    latched: event.latched ? 1 : 0,
    halt_trigger: event.trigger ?? null,
  };
}

function toRiskEvent(row: Row): RiskEvent {
  const id = new StoredRow(row, 'risk_events row').integer('id');
  const reader = new StoredRow(row, `risk_events row ${id}`);
  const input = {
    id,
    kind: reader.text('kind'),
    time: reader.integer('time'),
    reason: reader.text('reason'),
    tradingState: reader.text('trading_state'),
    previousState: reader.optionalText('previous_state'),
    denialCode: reader.optionalText('denial_code'),
    orderId: reader.optionalText('order_id'),
    latched: reader.boolean('latched'),
    trigger: reader.optionalText('halt_trigger'),
  };
  return reader.restore('risk event', () => createRiskEvent(input as unknown as RiskEventInput));
}
