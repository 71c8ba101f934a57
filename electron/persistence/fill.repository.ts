// Fills (table fills, migrations/0003-orders.ts), one per broker execution id. Inserting an
// execution that is already stored changes nothing and says so, so a repeated IB execDetails
// (after a reconnect, reqExecutions) is never counted twice. Only the commission of a stored
// fill may change (IB reports it separately, later).
import { contractKey, type Contract } from '../../shared/domain/contract.ts';
import { createFill, type Fill } from '../../shared/domain/fill.ts';
import type { ClientOrderRef, ExecutionId, OrderId } from '../../shared/domain/ids.ts';
import { parseMoney, parseNonNegativeMoney, type Money } from '../../shared/domain/money.ts';
import type { OrderAction } from '../../shared/domain/order-types.ts';
import type { Clock } from '../core/clock.ts';
import { AppError } from '../core/errors.ts';
import type { AppDatabase } from './database.ts';
import { writeOrExplain } from './sqlite-constraint.ts';
import { toStoredJson } from './stored-json.ts';
import { StoredRow, validated } from './stored-row.ts';

const columns = 'execution_id, order_id, client_order_ref, leg_index, contract_key, contract, action, quantity, price, commission_micros, time';
type FillRow = Record<string, unknown>;

export type FillInsertResult =
  | { readonly status: 'recorded'; readonly fill: Fill }
  /** The execution id was stored before with the same content: nothing changed; `fill` is the stored one. */
  | { readonly status: 'already-recorded'; readonly fill: Fill };

export type FillTotals = { readonly count: number; readonly quantity: number; readonly commission: Money };

export class FillRepository {
  readonly #database: AppDatabase;
  readonly #clock: Clock;
  readonly #insert;
  readonly #updateCommission;
  readonly #selectById;
  readonly #selectByOrder;
  readonly #selectByContract;
  readonly #selectAll;
  readonly #totalsByOrder;

  constructor(database: AppDatabase, clock: Clock) {
    this.#database = database;
    this.#clock = clock;
    this.#insert = database.prepare<[Record<string, unknown>]>(
      `INSERT INTO fills (${columns}, record_number, recorded_at)
       VALUES (@execution_id, @order_id, @client_order_ref, @leg_index, @contract_key, @contract, @action, @quantity, @price, @commission_micros, @time,
       (SELECT coalesce(max(record_number), 0) + 1 FROM fills), @recorded_at)`,
    );
    this.#updateCommission = database.prepare<[number, string]>('UPDATE fills SET commission_micros = ? WHERE execution_id = ?');
    this.#selectById = database.prepare<[string], FillRow>(`SELECT ${columns} FROM fills WHERE execution_id = ?`);
    this.#selectByOrder = database.prepare<[string], FillRow>(`SELECT ${columns} FROM fills WHERE order_id = ? ORDER BY record_number`);
    this.#selectByContract = database.prepare<[string], FillRow>(`SELECT ${columns} FROM fills WHERE contract_key = ? ORDER BY record_number`);
    this.#selectAll = database.prepare<[], FillRow>(`SELECT ${columns} FROM fills ORDER BY record_number`);
    this.#totalsByOrder = database.prepare<[string], { count: unknown; quantity: unknown; commission: unknown }>(
      'SELECT count(*) AS count, coalesce(sum(quantity), 0) AS quantity, coalesce(sum(commission_micros), 0) AS commission FROM fills WHERE order_id = ?',
    );
  }

  /**
   * Stores a fill, or reports 'already-recorded' when its execution id is stored with the same
   * content (the commission may differ: it arrives separately). The same execution id with
   * different content is refused ('conflict'); the order must be stored ('validation').
   */
  insert(fill: Fill, recordedAt: number = this.#clock.now()): FillInsertResult {
    const checked = validated(`fill '${String(fill?.id)}'`, () => createFill(fill));
    return this.#database.transaction(() => {
      const stored = this.get(checked.id);
      if (stored !== undefined) {
        if (sameExecution(stored, checked)) return { status: 'already-recorded', fill: stored };
        throw new AppError('conflict', `execution '${checked.id}' is already stored with different content (order '${stored.orderId}', ${stored.action} ${stored.quantity} @ ${stored.price}); it was not changed`);
      }
      writeOrExplain(`fill '${checked.id}' of order '${checked.orderId}'`, () => this.#insert.run({ ...toRow(checked), recorded_at: recordedAt }));
      return { status: 'recorded', fill: checked };
    });
  }

  /** Sets the commission of a stored fill; returns the fill before and after. Throws 'not-found' for an unknown execution. */
  setCommission(executionId: ExecutionId, commission: Money): { readonly before: Fill; readonly after: Fill } {
    const amount = validated(`commission of execution '${executionId}'`, () => parseNonNegativeMoney(commission, 'commission'));
    return this.#database.transaction(() => {
      const before = this.get(executionId);
      if (before === undefined) throw new AppError('not-found', `execution '${executionId}' is not stored; record the fill before its commission`);
      this.#updateCommission.run(amount, executionId);
      return { before, after: createFill({ ...before, commission: amount }) };
    });
  }

  get(executionId: ExecutionId): Fill | undefined {
    const row = this.#selectById.get(executionId);
    return row === undefined ? undefined : toFill(row);
  }

  /** The order's fills in the order they were recorded. */
  listByOrder(orderId: OrderId): Fill[] {
    return this.#selectByOrder.all(orderId).map(toFill);
  }

  /** Fills of one contract (contractKey) in the order they were recorded. */
  listByContract(key: string): Fill[] {
    return this.#selectByContract.all(key).map(toFill);
  }

  /** Every fill in the order recorded: applying them in this order rebuilds the positions. */
  listAll(): Fill[] {
    return this.#selectAll.all().map(toFill);
  }

  /** How many fills the order has, their total quantity (contracts; per leg summed for a combo) and commission. */
  totalsByOrder(orderId: OrderId): FillTotals {
    const row = new StoredRow(this.#totalsByOrder.get(orderId), `fill totals of order '${orderId}'`);
    return { count: row.integer('count'), quantity: row.integer('quantity'), commission: parseMoney(row.integer('commission'), 'commission') };
  }
}

/** Same execution: every field but the commission agrees. */
function sameExecution(stored: Fill, incoming: Fill): boolean {
  const comparable = (fill: Fill) => toStoredJson({ ...fill, commission: 0 }, 'fill');
  return comparable(stored) === comparable(incoming);
}

const nullable = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

function toRow(fill: Fill): Record<string, unknown> {
  return {
    execution_id: fill.id,
    order_id: fill.orderId,
    client_order_ref: fill.clientOrderRef,
    leg_index: nullable(fill.legIndex),
    contract_key: contractKey(fill.contract),
    contract: toStoredJson(fill.contract, `fill '${fill.id}' contract`, 'contract'),
    action: fill.action,
    quantity: fill.quantity,
    price: fill.price,
    commission_micros: fill.commission,
    time: fill.time,
  };
}

function toFill(row: FillRow): Fill {
  const id = new StoredRow(row, 'fills row').text('execution_id');
  const reader = new StoredRow(row, `fills row '${id}'`);
  const input = {
    id,
    orderId: reader.text('order_id') as OrderId,
    clientOrderRef: reader.text('client_order_ref') as ClientOrderRef,
    legIndex: reader.optionalInteger('leg_index'),
    contract: reader.jsonObject('contract') as unknown as Contract,
    action: reader.text('action') as OrderAction,
    quantity: reader.integer('quantity'),
    price: reader.real('price'),
    commission: reader.money('commission_micros'),
    time: reader.integer('time'),
  };
  const fill = reader.restore('fill', () => createFill(input));
  if (reader.text('contract_key') !== contractKey(fill.contract)) throw reader.corrupt(`column contract_key does not match the contract ${contractKey(fill.contract)}`);
  return fill;
}
