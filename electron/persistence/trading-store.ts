// The one way trading state is written: every method appends its journal entry (types and
// payloads in journal/trading-entry-types.ts) and writes the repositories in ONE transaction,
// so both commit or neither does (Journal.append joins the outer transaction). Order statuses
// change only through the domain transition table (order-book-rules.ts): an illegal change is
// journaled and stored as a refused order event and returned as { ok: false, error }, never
// applied. Strategies, decisions, alerts, risk events and snapshots are written the same way by
// TradingRecords (trading-records.ts), reachable as `store.records`.
import { createFill, type Fill } from '../../shared/domain/fill.ts';
import type { ClientOrderRef, ExecutionId, OrderId } from '../../shared/domain/ids.ts';
import { parseNonNegativeMoney, type Money } from '../../shared/domain/money.ts';
import { restoreOrder, type Order } from '../../shared/domain/order.ts';
import { ORDER_EVENT_TYPES, type OrderEvent } from '../../shared/domain/order-status.ts';
import { optional, requireNonEmptyString, requireNonNegativeInteger, requireOneOf, requirePositiveInteger } from '../../shared/domain/validate.ts';
import type { Clock } from '../core/clock.ts';
import { AppError } from '../core/errors.ts';
import { ClientOrderRefSequence } from './client-order-ref-sequence.ts';
import type { AppDatabase } from './database.ts';
import { FillRepository } from './fill.repository.ts';
import { Journal } from './journal/journal.ts';
import type { JournalEntry } from './journal/journal.types.ts';
import type { TradingJournalPayloads, TradingJournalType } from './journal/trading-entry-types.ts';
import { applyAmendment, type OrderAmendment } from './order-amendment.ts';
import { applyFillToOrder, applyStatusUpdate, type OrderChange } from './order-book-rules.ts';
import { OrderEventRepository } from './order-event.repository.ts';
import { OrderRepository } from './order.repository.ts';
import { withoutUndefined } from './stored-json.ts';
import { TradingRecords } from './trading-records.ts';
import { validated } from './stored-row.ts';

export type OrderStatusResult =
  | { readonly ok: true; readonly order: Order; readonly changed: boolean }
  | { readonly ok: false; readonly order: Order; readonly error: string };

export type RecordFillResult =
  /** A new execution: stored and counted; `orderUpdate` says what it did to the order. */
  | { readonly status: 'recorded'; readonly fill: Fill; readonly order: Order; readonly orderUpdate: OrderStatusResult }
  /** The execution id was recorded before: nothing changed. */
  | { readonly status: 'already-recorded'; readonly fill: Fill; readonly order: Order };

/** `changed: false` when every given value was already the order's (nothing written). */
export type OrderAmendedResult = { readonly order: Order; readonly previous: Order; readonly changed: boolean };

/** Why an amendment is recorded: a short note, and the journal entry of the request it settles. */
export interface OrderAmendmentMeta {
  readonly note?: string;
  readonly requestSequence?: number;
}

export type RecordCommissionResult = { readonly status: 'recorded' | 'already-recorded'; readonly fill: Fill };

export type OrderReads = Pick<OrderRepository, 'get' | 'getByClientOrderRef' | 'getByBrokerOrderId' | 'listWorking' | 'listByStrategy' | 'listAll'>;
export type FillReads = Pick<FillRepository, 'get' | 'listByOrder' | 'listByContract' | 'listAll' | 'totalsByOrder'>;
export type OrderEventReads = Pick<OrderEventRepository, 'listByOrder' | 'listRefused'>;

export class TradingStore {
  readonly database: AppDatabase;
  readonly journal: Journal;
  /** Journaled writes (and reads) of strategies, decisions, alerts, risk events and position snapshots. */
  readonly records: TradingRecords;
  readonly #clock: Clock;
  readonly #orders: OrderRepository;
  readonly #orderEvents: OrderEventRepository;
  readonly #fills: FillRepository;
  readonly #references: ClientOrderRefSequence;

  constructor(database: AppDatabase, clock: Clock, journal: Journal = new Journal(database, clock)) {
    this.database = database;
    this.journal = journal;
    this.#clock = clock;
    this.#orders = new OrderRepository(database);
    this.#orderEvents = new OrderEventRepository(database);
    this.#fills = new FillRepository(database, clock);
    this.#references = new ClientOrderRefSequence(database);
    this.records = new TradingRecords(database, clock, (type, payload) => this.append(type, payload));
  }

  get orders(): OrderReads {
    return this.#orders;
  }

  get fills(): FillReads {
    return this.#fills;
  }

  get orderEvents(): OrderEventReads {
    return this.#orderEvents;
  }

  /** A client order reference never issued before, durable before it is returned (see ClientOrderRefSequence). */
  nextClientOrderRef(): ClientOrderRef {
    return this.#references.nextClientOrderRef();
  }

  /** Saves a new order (nothing filled yet: fills come through recordFill). 'conflict' for a stored id or reference. */
  recordOrderCreated(order: Order): Order {
    const checked = validated(`order '${String(order?.id)}'`, () => restoreOrder(order));
    if (checked.filledQuantity !== 0) throw new AppError('validation', `order '${checked.id}' must be recorded with nothing filled; record its executions with recordFill`);
    const time = this.#now();
    return this.database.transaction(() => {
      const entry = this.append('order.created', { order: checked, time });
      this.#orders.insert(checked);
      this.#orderEvents.append({ orderId: checked.id, time, event: 'CREATED', outcome: 'created', toStatus: checked.status, journalSequence: entry.sequence });
      return checked;
    });
  }

  /**
   * Applies a status event to a stored order through the transition table. A repeat that changes
   * nothing is a no-op (nothing written). An illegal event is journaled and kept in the order's
   * history as refused, and returned as { ok: false }. 'not-found' for an unknown order.
   */
  recordOrderStatus(orderId: OrderId, event: OrderEvent, details: { message?: string; brokerOrderId?: number } = {}): OrderStatusResult {
    const checked = validated(`status event for order '${String(orderId)}'`, () => checkStatusInput(event, details));
    const time = this.#now();
    return this.database.transaction(() => {
      const order = this.#requireOrder(orderId);
      const change = applyStatusUpdate(order, { event: checked.event, time, ...checked.details });
      if (change.outcome === 'unchanged') return { ok: true, order, changed: false };
      const error = change.outcome === 'refused' ? change.error : undefined;
      const entry = this.append('order.status', { orderId, time, event: checked.event, ...checked.details, outcome: change.outcome, status: change.order.status, error });
      return this.#storeChange(order, change, { time, journalSequence: entry.sequence, message: checked.details.message, statusEvent: checked.event });
    });
  }

  /**
   * Records new terms of a stored order (a modify the broker took): journal entry 'order.amended'
   * and the order row in one transaction. Validated through the domain: price fields consistent
   * with the order type, a quantity above the filled quantity, never on a final order. A refusal
   * throws ('validation' naming the field, 'not-found' for an unknown order) and stores nothing.
   * Values equal to the current ones change nothing and write nothing.
   */
  recordOrderAmended(orderId: OrderId, changes: OrderAmendment, meta: OrderAmendmentMeta = {}): OrderAmendedResult {
    const checkedMeta = validated(`amendment of order '${String(orderId)}'`, () => checkAmendmentMeta(meta));
    const time = this.#now();
    return this.database.transaction(() => {
      const previous = this.#requireOrder(orderId);
      const outcome = validated(`amendment of order '${String(orderId)}'`, () => applyAmendment(previous, changes, time));
      if (!outcome.changed) return { order: previous, previous, changed: false };
      this.append('order.amended', { orderId: previous.id, time, changes: outcome.changes, ...checkedMeta });
      return { order: this.#orders.updateTerms(outcome.order), previous, changed: true };
    });
  }

  /**
   * Records an execution: journal, fills table and the order's filled quantity, average price and
   * status, in one transaction. A repeated execution id is a no-op ('already-recorded'). A fill
   * that cannot belong to its order is refused ('validation') and nothing is stored.
   */
  recordFill(fill: Fill): RecordFillResult {
    const checked = validated(`fill '${String(fill?.id)}'`, () => createFill(fill));
    const time = this.#now();
    return this.database.transaction(() => {
      const order = this.#requireOrder(checked.orderId);
      if (this.#fills.get(checked.id) !== undefined) {
        // Same content → already-recorded; different content → 'conflict'. Nothing is written.
        return { status: 'already-recorded', fill: this.#fills.insert(checked, time).fill, order };
      }
      const change = validated(`fill '${checked.id}'`, () => applyFillToOrder(order, this.#fills.listByOrder(order.id), checked, time));
      const error = change.outcome === 'refused' ? change.error : undefined;
      const entry = this.append('fill.recorded', { fill: checked, time, outcome: change.outcome, status: change.order.status, error });
      this.#fills.insert(checked, time);
      const orderUpdate = change.outcome === 'unchanged' ? ({ ok: true, order, changed: false } as const) : this.#storeChange(order, change, { time, journalSequence: entry.sequence, executionId: checked.id });
      return { status: 'recorded', fill: checked, order: orderUpdate.order, orderUpdate };
    });
  }

  /**
   * Books the commission IB reports after an execution. The same amount again is a no-op; a
   * different amount for a fill that already has one is refused ('conflict'); an unknown
   * execution is 'not-found' (record the fill first).
   */
  recordCommission(executionId: ExecutionId, commission: Money): RecordCommissionResult {
    const amount = validated(`commission of execution '${String(executionId)}'`, () => parseNonNegativeMoney(commission, 'commission'));
    const time = this.#now();
    return this.database.transaction(() => {
      const fill = this.#fills.get(executionId);
      if (fill === undefined) throw new AppError('not-found', `execution '${executionId}' is not recorded; record the fill before its commission`);
      if (fill.commission === amount) return { status: 'already-recorded', fill };
      if (fill.commission !== 0) {
        throw new AppError('conflict', `execution '${executionId}' already has a commission of ${fill.commission} micro-dollars; refusing ${amount}`);
      }
      this.append('fill.commission', { executionId, orderId: fill.orderId, commission: amount, time });
      return { status: 'recorded', fill: this.#fills.setCommission(executionId, amount).after };
    });
  }

  /** Appends a trading journal entry (inside the caller's transaction); undefined optionals are left out. */
  append<Type extends TradingJournalType>(type: Type, payload: TradingJournalPayloads[Type]): JournalEntry {
    return this.journal.append(type, withoutUndefined(payload));
  }

  #storeChange(
    before: Order,
    change: Exclude<OrderChange, { outcome: 'unchanged' }>,
    context: { time: number; journalSequence: number; message?: string | undefined; executionId?: ExecutionId; statusEvent?: OrderEvent },
  ): OrderStatusResult {
    const cancelFilledQuantity = context.statusEvent?.type === 'CANCEL_REJECTED' ? context.statusEvent.filledQuantity : undefined;
    const common = { orderId: before.id, time: context.time, event: change.event, fromStatus: before.status, cancelFilledQuantity, executionId: context.executionId, message: context.message, journalSequence: context.journalSequence };
    if (change.outcome === 'refused') {
      this.#orderEvents.append({ ...common, outcome: 'refused', error: change.error });
      return { ok: false, order: before, error: change.error };
    }
    this.#orders.updateState(change.order);
    this.#orderEvents.append({ ...common, outcome: 'applied', toStatus: change.order.status });
    return { ok: true, order: change.order, changed: true };
  }

  #requireOrder(orderId: OrderId): Order {
    const order = this.#orders.get(orderId);
    if (order === undefined) throw new AppError('not-found', `order '${String(orderId)}' is not stored`);
    return order;
  }

  #now(): number {
    const now = this.#clock.now();
    if (!Number.isSafeInteger(now) || now < 0) throw new AppError('invariant', `the clock returned ${now}, not epoch milliseconds`);
    return now;
  }
}

function checkAmendmentMeta(meta: OrderAmendmentMeta): OrderAmendmentMeta {
  const note = optional(meta?.note, 'note', requireNonEmptyString);
  const requestSequence = optional(meta?.requestSequence, 'requestSequence', requirePositiveInteger);
  return withoutUndefined({ note, requestSequence }) as OrderAmendmentMeta;
}

function checkStatusInput(event: OrderEvent, details: { message?: string; brokerOrderId?: number }): { event: OrderEvent; details: { message?: string; brokerOrderId?: number } } {
  const type = requireOneOf(event?.type, ORDER_EVENT_TYPES, 'event.type');
  const checkedEvent: OrderEvent = type === 'CANCEL_REJECTED'
    ? { type, filledQuantity: requireNonNegativeInteger((event as { filledQuantity?: unknown }).filledQuantity, 'event.filledQuantity') }
    : { type };
  const message = optional(details.message, 'message', requireNonEmptyString);
  const brokerOrderId = optional(details.brokerOrderId, 'brokerOrderId', requireNonNegativeInteger);
  return { event: checkedEvent, details: withoutUndefined({ message, brokerOrderId }) as { message?: string; brokerOrderId?: number } };
}
