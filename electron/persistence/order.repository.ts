// Orders (table from migrations/0003-orders.ts). Queryable fields are columns; the instrument is
// JSON. Rows are read back through restoreOrder, so a corrupt row fails fast (corrupt-data).
// Writes here are not journaled: state changes go through TradingStore (trading-store.ts),
// which appends the journal entry and calls this in one transaction.
import { clientOrderRefSequence, type ClientOrderRef, type OrderId, type StrategyId } from '../../shared/domain/ids.ts';
import { instrumentKey, instrumentUnderlyingSymbol, type Instrument } from '../../shared/domain/instrument.ts';
import { restoreOrder, type Order } from '../../shared/domain/order.ts';
import type { OrderAction, OrderStatus, OrderType, TimeInForce } from '../../shared/domain/order-types.ts';
import { AppError } from '../core/errors.ts';
import type { AppDatabase } from './database.ts';
import { writeOrExplain } from './sqlite-constraint.ts';
import { toStoredJson } from './stored-json.ts';
import { StoredRow, validated } from './stored-row.ts';

const columns = `id, client_order_ref, broker_order_id, instrument_kind, instrument_key, underlying_symbol, instrument, action, quantity,
  order_type, tif, limit_price, stop_price, trailing_amount, trailing_percent, limit_offset, status, filled_quantity, average_fill_price,
  parent_id, oca_group, strategy_id, created_at, updated_at, filled_at, status_message`;
const workingStatuses = `'PENDING_SUBMIT', 'PRE_SUBMITTED', 'SUBMITTED', 'PARTIALLY_FILLED', 'PENDING_CANCEL'`;

type OrderRow = Record<string, unknown>;
type TermsParameters = {
  id: string; client_order_ref: string; quantity: number; tif: string; limit_price: number | null; stop_price: number | null; trailing_amount: number | null;
  trailing_percent: number | null; limit_offset: number | null; updated_at: number;
};
type StateParameters = {
  id: string; client_order_ref: string; broker_order_id: number | null; status: string; filled_quantity: number; average_fill_price: number | null;
  updated_at: number; filled_at: number | null; status_message: string | null;
};

export class OrderRepository {
  readonly #database: AppDatabase;
  readonly #insert;
  readonly #updateState;
  readonly #updateTerms;
  readonly #bumpReferenceSequence;
  readonly #selectById;
  readonly #selectByReference;
  readonly #selectByBrokerOrderId;
  readonly #selectWorking;
  readonly #selectByStrategy;
  readonly #selectAll;

  constructor(database: AppDatabase) {
    this.#database = database;
    const names = columns.split(',').map((name) => name.trim());
    this.#insert = database.prepare<[Record<string, unknown>]>(`INSERT INTO orders (${columns}) VALUES (${names.map((name) => `@${name}`).join(', ')})`);
    this.#updateState = database.prepare<[StateParameters]>(
      `UPDATE orders SET broker_order_id = @broker_order_id, status = @status, filled_quantity = @filled_quantity, average_fill_price = @average_fill_price,
       updated_at = @updated_at, filled_at = @filled_at, status_message = @status_message WHERE id = @id AND client_order_ref = @client_order_ref`,
    );
    this.#updateTerms = database.prepare<[TermsParameters]>(
      `UPDATE orders SET quantity = @quantity, tif = @tif, limit_price = @limit_price, stop_price = @stop_price, trailing_amount = @trailing_amount,
       trailing_percent = @trailing_percent, limit_offset = @limit_offset, updated_at = @updated_at WHERE id = @id AND client_order_ref = @client_order_ref`,
    );
    this.#bumpReferenceSequence = database.prepare<[number]>('UPDATE client_order_ref_sequence SET last_value = max(last_value, ?) WHERE id = 1');
    this.#selectById = database.prepare<[string], OrderRow>(`SELECT ${columns} FROM orders WHERE id = ?`);
    this.#selectByReference = database.prepare<[string], OrderRow>(`SELECT ${columns} FROM orders WHERE client_order_ref = ?`);
    // IB numeric ids can repeat across client ids or account resets: the newest order wins.
    this.#selectByBrokerOrderId = database.prepare<[number], OrderRow>(
      `SELECT ${columns} FROM orders WHERE broker_order_id = ? ORDER BY created_at DESC, id DESC LIMIT 1`,
    );
    this.#selectWorking = database.prepare<[], OrderRow>(`SELECT ${columns} FROM orders WHERE status IN (${workingStatuses}) ORDER BY created_at, id`);
    this.#selectByStrategy = database.prepare<[string], OrderRow>(`SELECT ${columns} FROM orders WHERE strategy_id = ? ORDER BY created_at, id`);
    this.#selectAll = database.prepare<[], OrderRow>(`SELECT ${columns} FROM orders ORDER BY created_at, id`);
  }

  /**
   * Stores a new order. Refuses ('conflict') an id or client order reference already stored,
   * and ('validation') an order the domain refuses. Moves the reference sequence past the
   * order's reference, so nextClientOrderRef() never hands it out again.
   */
  insert(order: Order): Order {
    const checked = validated(`order '${String(order?.id)}'`, () => restoreOrder(order));
    return this.#database.transaction(() => {
      if (this.#selectById.get(checked.id) !== undefined) throw new AppError('conflict', `order id '${checked.id}' is already stored; order ids are never reused`);
      const holder = this.#selectByReference.get(checked.clientOrderRef);
      if (holder !== undefined) {
        throw new AppError('conflict', `client order reference '${checked.clientOrderRef}' is already used by order '${String(holder.id)}'; references are never reused`);
      }
      if (checked.parentId !== undefined && this.#selectById.get(checked.parentId) === undefined) {
        throw new AppError('validation', `order '${checked.id}' names parent order '${checked.parentId}', which is not stored; store the parent first`);
      }
      writeOrExplain(`order '${checked.id}'`, () => this.#insert.run(toRow(checked)));
      this.#bumpReferenceSequence.run(clientOrderRefSequence(checked.clientOrderRef));
      return checked;
    });
  }

  /**
   * Writes the changing fields of a stored order: broker order id, status, filled quantity,
   * average fill price, updated/filled time and status message. The identity and the order
   * terms (instrument, quantity, prices, …) are never rewritten here (see updateTerms). Throws 'not-found' when no
   * order has this id and client order reference.
   */
  updateState(order: Order): Order {
    const checked = validated(`order '${String(order?.id)}'`, () => restoreOrder(order));
    const result = writeOrExplain(`order '${checked.id}'`, () => this.#updateState.run(stateParameters(checked)));
    if (result.changes === 0) throw new AppError('not-found', `order '${checked.id}' with reference '${checked.clientOrderRef}' is not stored`);
    return checked;
  }

  /**
   * Writes the amendable terms of a stored order: quantity, time in force, limit, stop, trail and
   * limit offset, and its updated time (TradingStore.recordOrderAmended checks the amendment
   * first). Identity, instrument, side, type and state are never rewritten here. Throws
   * 'not-found' when no order has this id and client order reference.
   */
  updateTerms(order: Order): Order {
    const checked = validated(`order '${String(order?.id)}'`, () => restoreOrder(order));
    const result = writeOrExplain(`order '${checked.id}'`, () => this.#updateTerms.run(termsParameters(checked)));
    if (result.changes === 0) throw new AppError('not-found', `order '${checked.id}' with reference '${checked.clientOrderRef}' is not stored`);
    return checked;
  }

  get(id: OrderId): Order | undefined {
    return optionalOrder(this.#selectById.get(id));
  }

  getByClientOrderRef(reference: ClientOrderRef): Order | undefined {
    return optionalOrder(this.#selectByReference.get(reference));
  }

  /** The most recently created order with this broker (IB) order id. */
  getByBrokerOrderId(brokerOrderId: number): Order | undefined {
    return optionalOrder(this.#selectByBrokerOrderId.get(brokerOrderId));
  }

  /** Orders the broker has or may have and that may still fill (isWorkingStatus), oldest first. */
  listWorking(): Order[] {
    return this.#selectWorking.all().map(toOrder);
  }

  listByStrategy(strategyId: StrategyId): Order[] {
    return this.#selectByStrategy.all(strategyId).map(toOrder);
  }

  /** Every order, oldest first. */
  listAll(): Order[] {
    return this.#selectAll.all().map(toOrder);
  }
}

const nullable = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

function toRow(order: Order): Record<string, unknown> {
  return {
    ...stateParameters(order),
    instrument_kind: order.instrument.kind,
    instrument_key: instrumentKey(order.instrument),
    underlying_symbol: instrumentUnderlyingSymbol(order.instrument),
    instrument: toStoredJson(order.instrument, `order '${order.id}' instrument`, 'instrument'),
    action: order.action,
    quantity: order.quantity,
    order_type: order.type,
    tif: order.tif,
    limit_price: nullable(order.limitPrice),
    stop_price: nullable(order.stopPrice),
    trailing_amount: nullable(order.trailingAmount),
    trailing_percent: nullable(order.trailingPercent),
    limit_offset: nullable(order.limitOffset),
    parent_id: nullable(order.parentId),
    oca_group: nullable(order.ocaGroup),
    strategy_id: nullable(order.strategyId),
    created_at: order.createdAt,
  };
}

function termsParameters(order: Order): TermsParameters {
  return {
    id: order.id,
    client_order_ref: order.clientOrderRef,
    quantity: order.quantity,
    tif: order.tif,
    limit_price: nullable(order.limitPrice),
    stop_price: nullable(order.stopPrice),
    trailing_amount: nullable(order.trailingAmount),
    trailing_percent: nullable(order.trailingPercent),
    limit_offset: nullable(order.limitOffset),
    updated_at: order.updatedAt,
  };
}

function stateParameters(order: Order): StateParameters {
  return {
    id: order.id,
    client_order_ref: order.clientOrderRef,
    broker_order_id: nullable(order.brokerOrderId),
    status: order.status,
    filled_quantity: order.filledQuantity,
    average_fill_price: nullable(order.averageFillPrice),
    updated_at: order.updatedAt,
    filled_at: nullable(order.filledAt),
    status_message: nullable(order.statusMessage),
  };
}

function optionalOrder(row: OrderRow | undefined): Order | undefined {
  return row === undefined ? undefined : toOrder(row);
}

function toOrder(row: OrderRow): Order {
  const id = new StoredRow(row, 'orders row').text('id');
  const reader = new StoredRow(row, `orders row '${id}'`);
  const fields = {
    id: id as OrderId,
    clientOrderRef: reader.text('client_order_ref') as ClientOrderRef,
    brokerOrderId: reader.optionalInteger('broker_order_id'),
    instrument: reader.jsonObject('instrument') as unknown as Instrument,
    action: reader.text('action') as OrderAction,
    quantity: reader.integer('quantity'),
    type: reader.text('order_type') as OrderType,
    tif: reader.text('tif') as TimeInForce,
    limitPrice: reader.optionalReal('limit_price'),
    stopPrice: reader.optionalReal('stop_price'),
    trailingAmount: reader.optionalReal('trailing_amount'),
    trailingPercent: reader.optionalReal('trailing_percent'),
    limitOffset: reader.optionalReal('limit_offset'),
    status: reader.text('status') as OrderStatus,
    filledQuantity: reader.integer('filled_quantity'),
    averageFillPrice: reader.optionalReal('average_fill_price'),
    parentId: reader.optionalText('parent_id') as OrderId | undefined,
    ocaGroup: reader.optionalText('oca_group'),
    strategyId: reader.optionalText('strategy_id') as StrategyId | undefined,
    createdAt: reader.integer('created_at'),
    updatedAt: reader.integer('updated_at'),
    filledAt: reader.optionalInteger('filled_at'),
    statusMessage: reader.optionalText('status_message'),
  };
  const order = reader.restore('order', () => restoreOrder(fields));
  if (reader.text('instrument_key') !== instrumentKey(order.instrument) || reader.text('instrument_kind') !== order.instrument.kind) {
    throw reader.corrupt(`column instrument_key or instrument_kind does not match the instrument ${instrumentKey(order.instrument)}`);
  }
  return order;
}
