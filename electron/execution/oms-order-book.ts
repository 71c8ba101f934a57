// The OMS's one door to the TradingStore and the event bus. Every status change goes through
// status(): the store applies the domain transition table and journals it; an applied change is
// published as 'order.updated', a refused one as 'order.illegal-transition'. Work done inside
// atomically() commits as one transaction, and its events and in-memory notes are released only
// after the commit, so nobody hears of a change that was rolled back.
import type { OrderId, ClientOrderRef } from '../../shared/domain/ids.ts';
import type { Order } from '../../shared/domain/order.ts';
import { isFinalStatus, type OrderEvent, type OrderEventType } from '../../shared/domain/order-status.ts';
import type { OrderStatus } from '../../shared/domain/order-types.ts';
import type { Clock } from '../core/clock.ts';
import { AppError } from '../core/errors.ts';
import type { OrderStatusResult, TradingStore } from '../persistence/trading-store.ts';
import type { ChangeSource, ExecutionEventBus, ExecutionEvents } from './execution-events.ts';
import { appendOmsEntry, type OmsJournalPayloads, type OmsJournalType, type OmsNotes } from './oms-journal.ts';
import { isDryRunOrderId } from './order-ids.ts';
import type { BrokerOperation, OrderContext, OrderPurpose, OrderTerms, PendingModification } from './oms-types.ts';

export interface OrderDraft {
  readonly order: Order;
  readonly purpose: OrderPurpose;
  readonly replacesOrderId?: OrderId | undefined;
}

/** An event that keeps the status as it is but may carry the broker's order id (a late answer to placeOrder). */
const sameStatusEvent: Readonly<Record<OrderStatus, OrderEventType | undefined>> = {
  CREATED: undefined,
  PENDING_SUBMIT: 'SUBMIT_SENT',
  PRE_SUBMITTED: 'HELD',
  SUBMITTED: 'ACKNOWLEDGED',
  PARTIALLY_FILLED: 'ACKNOWLEDGED',
  PENDING_CANCEL: 'CANCEL_REQUESTED',
  FILLED: 'FILL',
  CANCELLED: 'CANCEL_CONFIRMED',
  REJECTED: 'REJECTED',
  INACTIVE: 'INACTIVE',
};

export class OmsOrderBook {
  readonly store: TradingStore;
  readonly notes: OmsNotes;
  readonly #bus: ExecutionEventBus;
  readonly #clock: Clock;
  #afterCommit: (() => void)[] | undefined;

  constructor(store: TradingStore, notes: OmsNotes, bus: ExecutionEventBus, clock: Clock) {
    this.store = store;
    this.notes = notes;
    this.#bus = bus;
    this.#clock = clock;
  }

  now(): number {
    return this.#clock.now();
  }

  /** Runs `work` in one transaction; events and notes it produced are released after the commit. */
  atomically<T>(work: () => T): T {
    if (this.#afterCommit !== undefined) return this.store.database.transaction(work);
    const actions: (() => void)[] = [];
    this.#afterCommit = actions;
    let result: T;
    try {
      result = this.store.database.transaction(work);
    } finally {
      this.#afterCommit = undefined;
    }
    for (const action of actions) action();
    return result;
  }

  publish<Type extends keyof ExecutionEvents>(type: Type, payload: ExecutionEvents[Type]): void {
    this.#later(() => this.#bus.publish(type, payload));
  }

  /** Saves new orders (CREATED) with their context, in one transaction. */
  create(drafts: readonly OrderDraft[]): Order[] {
    const time = this.now();
    return this.atomically(() =>
      drafts.map(({ order, purpose, replacesOrderId }) => {
        const saved = this.store.recordOrderCreated(order);
        this.note('oms.order-context', { orderId: saved.id, purpose, replacesOrderId, time });
        const context: OrderContext = Object.freeze({ purpose, replacesOrderId, dryRun: isDryRunOrderId(saved.id) });
        this.publish('order.created', { order: saved, context });
        return saved;
      }),
    );
  }

  /** Applies `event` through the transition table and publishes what happened. */
  status(orderId: OrderId, event: OrderEvent, details: { message?: string; brokerOrderId?: number }, source: ChangeSource): OrderStatusResult {
    const before = this.store.orders.get(orderId);
    const result = this.store.recordOrderStatus(orderId, event, details);
    this.publishChange(result, before?.status, event.type, source);
    return result;
  }

  /** Publishes the result of a store write: 'order.updated' when applied, 'order.illegal-transition' when refused. */
  publishChange(result: OrderStatusResult, previousStatus: OrderStatus | undefined, event: OrderEventType, source: ChangeSource): void {
    if (!result.ok) this.publish('order.illegal-transition', { order: result.order, event, error: result.error, source });
    else if (result.changed) this.publish('order.updated', { order: result.order, previousStatus: previousStatus ?? result.order.status, event, source });
  }

  /** Records the broker's order id with an event that keeps the current status (legal in every live or final state). */
  recordBrokerOrderId(orderId: OrderId, brokerOrderId: number): Order {
    const order = this.require(orderId);
    const type = sameStatusEvent[order.status];
    if (order.brokerOrderId === brokerOrderId || type === undefined) return order;
    const event: OrderEvent = { type } as OrderEvent;
    return this.status(orderId, event, { brokerOrderId }, 'oms').order;
  }

  /** Journals an OMS entry (inside the current transaction, if any) and applies it to the notes after the commit. */
  note<Type extends OmsJournalType>(type: Type, payload: OmsJournalPayloads[Type]): number {
    const entry = this.atomically(() => appendOmsEntry(this.store.journal, type, payload));
    this.#later(() => this.notes.apply(entry));
    return entry.sequence;
  }

  flagUnknown(order: Order, operation: BrokerOperation, error: string, modificationSequence?: number): void {
    const time = this.now();
    this.note('oms.request-outcome', { orderId: order.id, clientOrderRef: order.clientOrderRef, operation, outcome: 'unknown', error, modificationSequence, time });
    this.publish('order.unknown-outcome', { orderId: order.id, clientOrderRef: order.clientOrderRef, operation, error, since: time });
  }

  /** Clears the unknown-outcome flags of `orderId` for `operations` that are set. */
  resolveUnknown(orderId: OrderId, operations: readonly BrokerOperation[], note: string): void {
    const flagged = this.notes.unknownOutcomesOf(orderId).filter((outcome) => operations.includes(outcome.operation));
    for (const { operation } of flagged) {
      this.note('oms.outcome-resolved', { orderId, operation, note, time: this.now() });
      this.publish('order.outcome-resolved', { orderId, operation, note });
    }
  }

  get(orderId: OrderId): Order | undefined {
    return this.store.orders.get(orderId);
  }

  require(orderId: OrderId): Order {
    const order = this.get(orderId);
    if (order === undefined) throw new AppError('not-found', `order '${orderId}' is not in the order book`);
    return order;
  }

  byClientOrderRef(reference: ClientOrderRef): Order | undefined {
    return this.store.orders.getByClientOrderRef(reference);
  }

  byBrokerOrderId(brokerOrderId: number): Order | undefined {
    return this.store.orders.getByBrokerOrderId(brokerOrderId);
  }

  context(orderId: OrderId): OrderContext | undefined {
    return this.notes.context(orderId);
  }

  /** The order's terms as the broker should have them: the row (created, then confirmed amendments) plus modifies awaiting confirmation. */
  terms(order: Order): OrderTerms {
    const { instrument, action, quantity, type, tif, limitPrice, stopPrice, trailingAmount, trailingPercent, limitOffset } = order;
    const awaiting = isFinalStatus(order.status) ? {} : this.notes.changesOf(order.id);
    return { instrument, action, quantity, type, tif, limitPrice, stopPrice, trailingAmount, trailingPercent, limitOffset, ...awaiting };
  }

  /** Modifies awaiting the broker's confirmation, oldest first, leaving out those of final orders (they never apply). */
  pendingModifications(orderId?: OrderId): PendingModification[] {
    return this.notes.awaitingModifications(orderId).filter((modification) => {
      const order = this.get(modification.orderId);
      return order !== undefined && !isFinalStatus(order.status);
    });
  }

  #later(action: () => void): void {
    if (this.#afterCommit === undefined) action();
    else this.#afterCommit.push(action);
  }
}
