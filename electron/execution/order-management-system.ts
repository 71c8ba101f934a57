// The order management system: the order book of record between callers (execution engine,
// workflows, UI) and the broker port. Every order is saved with its client order ref before it
// is sent; statuses change only through the domain transition table (via the TradingStore);
// fills come only from executions. See README.md for the flow and the choices made.
import type { Broker, BrokerEvent } from '../broker/broker.ts';
import type { Clock } from '../core/clock.ts';
import { DisposableStore, type Disposable } from '../core/lifecycle.ts';
import type { TradingStore } from '../persistence/trading-store.ts';
import type { PreTradeGate } from '../risk/pre-trade-gate.ts';
import type { ClientOrderRef, ExecutionId, OrderId } from '../../shared/domain/ids.ts';
import type { Money } from '../../shared/domain/money.ts';
import type { Order } from '../../shared/domain/order.ts';
import { isCancellableStatus } from '../../shared/domain/order-status.ts';
import { applyBrokerEvent } from './broker-event-applier.ts';
import { DEFAULT_BROKER_CALL_TIMEOUT_MS } from './broker-call.ts';
import { comboProgressOf, type ComboProgress } from './combo-progress.ts';
import type { ExecutionEventBus } from './execution-events.ts';
import { OmsNotes, type UnmatchedExecution } from './oms-journal.ts';
import { OmsOrderBook } from './oms-order-book.ts';
import { computeOrderMetrics, type OrderMetrics } from './order-metrics.ts';
import { DryRunTimestamps, isDryRunOrderId } from './order-ids.ts';
import { cancelAllOrders, type CancelAllOptions } from './cancel-all.ts';
import { cancelOrder, modifyOrder } from './order-requests.ts';
import { safely, submitOrders, type SubmissionContext } from './order-submission.ts';
import type { BrokerOperation, CancelAllResult, OrderChanges, OrderContext, OrderTerms, PendingModification, RequestResult, SubmitBracketInput, SubmitOptions, SubmitOrderInput, SubmitResult, UnknownOutcome } from './oms-types.ts';

export interface OrderManagementSystemOptions {
  readonly store: TradingStore;
  readonly broker: Broker;
  readonly gate: PreTradeGate;
  readonly clock: Clock;
  readonly bus: ExecutionEventBus;
  /** Deadline of one broker call; past it the outcome is unknown (default 30 s of clock time). */
  readonly brokerCallTimeoutMs?: number;
}

/** What views of one order book share (see withGate). */
type SharedOrderBook = { readonly book: OmsOrderBook; readonly context: SubmissionContext; readonly pendingCommissions: Map<ExecutionId, Money> };

export class OrderManagementSystem implements Disposable {
  readonly bus: ExecutionEventBus;
  readonly clock: Clock;
  readonly #book: OmsOrderBook;
  readonly #context: SubmissionContext;
  readonly #broker: Broker;
  readonly #pendingCommissions: Map<ExecutionId, Money>;
  readonly #lifetime = new DisposableStore();
  #started = false;

  constructor(options: OrderManagementSystemOptions, shared?: SharedOrderBook) {
    const timeout = options.brokerCallTimeoutMs ?? DEFAULT_BROKER_CALL_TIMEOUT_MS;
    if (!Number.isFinite(timeout) || timeout <= 0) throw new RangeError(`brokerCallTimeoutMs must be a positive number of milliseconds, got ${String(timeout)}`);
    this.bus = options.bus;
    this.clock = options.clock;
    this.#broker = options.broker;
    if (shared !== undefined) {
      this.#book = shared.book;
      this.#context = { ...shared.context, gate: options.gate };
      this.#pendingCommissions = shared.pendingCommissions;
      return;
    }
    this.#book = new OmsOrderBook(options.store, OmsNotes.fromJournal(options.store.journal), options.bus, options.clock);
    this.#context = { book: this.#book, broker: options.broker, gate: options.gate, clock: options.clock, brokerCallTimeoutMs: timeout, dryRunTimestamps: new DryRunTimestamps(), cancelsSent: new Set() };
    this.#pendingCommissions = new Map();
  }

  /**
   * The same order book behind another gate: orders, unknown-outcome flags and cancels sent are
   * shared, only the pre-trade gate differs. The kill switch gets the view with the governor's
   * flatten gate; it is never started (this OMS applies every broker event).
   */
  withGate(gate: PreTradeGate): OrderManagementSystem {
    const options = { store: this.#book.store, broker: this.#broker, gate, clock: this.clock, bus: this.bus, brokerCallTimeoutMs: this.#context.brokerCallTimeoutMs };
    return new OrderManagementSystem(options, { book: this.#book, context: this.#context, pendingCommissions: this.#pendingCommissions });
  }

  /** Starts listening to the broker's events (idempotent). */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#lifetime.add(this.#broker.subscribe((event) => this.applyBrokerEvent(event)));
  }

  submit(input: SubmitOrderInput, options: SubmitOptions = {}): Promise<SubmitResult> {
    return submitOrders(this.#context, [input], false, options.dryRun === true);
  }

  /** Parent, take-profit and stop-loss in one broker call; the children get parentId and (unless given) one OCA group. */
  submitBracket(input: SubmitBracketInput, options: SubmitOptions = {}): Promise<SubmitResult> {
    return submitOrders(this.#context, [input.parent, input.takeProfit, input.stopLoss], true, options.dryRun === true);
  }

  modify(orderId: OrderId, changes: OrderChanges): Promise<RequestResult> {
    return modifyOrder(this.#context, orderId, changes);
  }

  cancel(orderId: OrderId): Promise<RequestResult> {
    return cancelOrder(this.#context, orderId);
  }

  /** Cancels every cancellable working order of ours (or those `options.filter` keeps). */
  cancelAll(options: CancelAllOptions = {}): Promise<CancelAllResult> {
    return cancelAllOrders(this.#context, this.workingOrders().filter((order) => isCancellableStatus(order.status) && (options.filter?.(order) ?? true)), options);
  }

  /** Applies one broker report; failures become 'oms.error' events (a listener must not throw into the broker). */
  applyBrokerEvent(event: BrokerEvent): void {
    safely(this.#context, undefined, () => applyBrokerEvent({ book: this.#book, pendingCommissions: this.#pendingCommissions }, event));
  }

  getOrder(orderId: OrderId): Order | undefined {
    return this.#book.get(orderId);
  }

  getOrderByClientOrderRef(reference: ClientOrderRef): Order | undefined {
    return this.#book.byClientOrderRef(reference);
  }

  /** Sent and not final (PENDING_SUBMIT … PENDING_CANCEL), oldest first. */
  workingOrders(): Order[] {
    return this.#book.store.orders.listWorking();
  }

  /** When the order was marked sent (SUBMIT_SENT saved, just before its broker call); undefined if it never was. */
  sentAt(orderId: OrderId): number | undefined {
    const sent = this.#book.store.orderEvents.listByOrder(orderId).find((event) => event.event === 'SUBMIT_SENT' && event.outcome === 'applied' && event.fromStatus === 'CREATED');
    return sent?.time;
  }

  contextOf(orderId: OrderId): OrderContext | undefined {
    return this.#book.context(orderId);
  }

  /**
   * The order's current terms as sent: the order row (as created, amended by every modify the
   * broker confirmed) with the modifies the broker took but has not confirmed yet on top. A
   * refused or dropped modify is not in them. getOrder() shows the book of record (confirmed only).
   */
  termsOf(orderId: OrderId): OrderTerms | undefined {
    const order = this.#book.get(orderId);
    return order === undefined ? undefined : this.#book.terms(order);
  }

  /** Modifies the broker took and has not confirmed yet (of every order, or of `orderId`), oldest first. */
  pendingModifications(orderId?: OrderId): PendingModification[] {
    return this.#book.pendingModifications(orderId);
  }

  /** Per-leg progress of a combo order (undefined for other orders or unknown ids). */
  comboProgress(orderId: OrderId): ComboProgress | undefined {
    const order = this.#book.get(orderId);
    return order === undefined ? undefined : comboProgressOf(order, this.#book.store.fills.listByOrder(orderId));
  }

  /** Broker calls whose outcome is unknown, for the reconciler (resolve them by client order ref). */
  unknownOutcomes(): UnknownOutcome[] {
    return this.#book.notes.unknownOutcomes();
  }

  /** The reconciler settled an unknown outcome (journaled). */
  resolveUnknownOutcome(orderId: OrderId, operation: BrokerOperation, note: string): void {
    this.#book.resolveUnknown(orderId, [operation], note);
  }

  /** Executions that matched none of our orders (journaled), for the reconciler. */
  unmatchedExecutions(): readonly UnmatchedExecution[] {
    return this.#book.notes.unmatchedExecutions();
  }

  isDryRun(orderId: OrderId): boolean {
    return isDryRunOrderId(orderId);
  }

  metrics(): OrderMetrics {
    return computeOrderMetrics(this.#book.store.orders.listAll(), (orderId) => this.#book.notes.placeFailure(orderId));
  }

  dispose(): void {
    this.#lifetime.dispose();
  }
}
