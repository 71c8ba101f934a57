// Applies the broker's reports to the order book of record.
// - order-status → a domain event through BROKER_STATE_EVENTS and the transition table (FILLED
//   is not a status change: fills come from executions only). Illegal transitions are recorded
//   by the store and published, never applied.
// - execution → a domain Fill (per leg for combos) recorded by the store: a repeated execution
//   id is a no-op; a fill for a final order still counts (money) while its status change is
//   refused. An execution matching none of our orders, or one that cannot belong to its order,
//   is journaled and published as 'execution.unknown' for the reconciler: never dropped.
// - commission → booked on its fill; one that arrives before its execution waits for it.
// - sent modifies are confirmed, refused or dropped on these reports (modify-settlement.ts).
// Matching: by client order ref; by broker order id only when the report carries no reference
// of ours. A reference we do not know is never matched by broker id instead, because IB's
// numeric ids can roll back after a restart and would cross-attribute reports (F2).
import type { BrokerCommission, BrokerEvent, BrokerExecution, BrokerOrderStatus } from '../broker/broker.ts';
import { AppError } from '../core/errors.ts';
import { DomainValidationError } from '../../shared/domain/errors.ts';
import { createFill, type Fill } from '../../shared/domain/fill.ts';
import { parseClientOrderRef, type ClientOrderRef, type ExecutionId } from '../../shared/domain/ids.ts';
import { ZERO_MONEY, type Money } from '../../shared/domain/money.ts';
import type { Order } from '../../shared/domain/order.ts';
import type { OrderEventType } from '../../shared/domain/order-status.ts';
import { isFinalStatus } from '../../shared/domain/order-status.ts';
import type { OrderStatusResult } from '../persistence/trading-store.ts';
import { errorText } from './broker-call.ts';
import { orderEventForBrokerState } from './broker-status-map.ts';
import { dropModificationsOfFinalOrder, settleModificationsOnNotice, settleModificationsOnStatus } from './modify-settlement.ts';
import type { OmsOrderBook } from './oms-order-book.ts';

export interface BrokerEventContext {
  readonly book: OmsOrderBook;
  /** Commissions reported before their execution, by execution id. */
  readonly pendingCommissions: Map<ExecutionId, Money>;
}

export function applyBrokerEvent(context: BrokerEventContext, event: BrokerEvent): void {
  switch (event.type) {
    case 'order-status':
      return applyOrderStatus(context, event.status);
    case 'execution':
      return applyExecution(context, event.execution);
    case 'commission':
      return applyCommission(context, event.commission);
    case 'notice': {
      const order = findOrder(context.book, event.clientOrderRef, undefined);
      context.book.publish('broker.notice', { code: event.code, message: event.message, orderId: order?.id });
      if (order !== undefined) settleModificationsOnNotice(context.book, order, event.code, event.message);
      return;
    }
    default:
      return; // connection changes belong to the watchdog and the reconciler
  }
}

function isReference(value: unknown): value is ClientOrderRef {
  try {
    parseClientOrderRef(value);
    return true;
  } catch {
    return false;
  }
}

export function findOrder(book: OmsOrderBook, reference: ClientOrderRef | undefined, brokerOrderId: number | undefined): Order | undefined {
  if (isReference(reference)) return book.byClientOrderRef(reference);
  return brokerOrderId === undefined ? undefined : book.byBrokerOrderId(brokerOrderId);
}

function statusMessage(status: BrokerOrderStatus): string | undefined {
  const reason = status.reason?.trim();
  if (reason === undefined || reason === '') return undefined;
  return status.code === undefined ? reason : `${reason} (code ${status.code})`;
}

function applyOrderStatus(context: BrokerEventContext, status: BrokerOrderStatus): void {
  const { book } = context;
  const order = findOrder(book, status.clientOrderRef, status.brokerOrderId);
  if (order === undefined) {
    book.publish('broker.unknown-order', { status, reason: `no order of ours has client order ref ${String(status.clientOrderRef)} (broker order id ${status.brokerOrderId})` });
    return;
  }
  book.resolveUnknown(order.id, ['place'], `the broker reported ${status.state}`);
  settleModificationsOnStatus(book, order, status);
  const event = orderEventForBrokerState(status.state);
  if (event === undefined) {
    if (order.brokerOrderId === undefined) book.recordBrokerOrderId(order.id, status.brokerOrderId);
  } else {
    book.status(order.id, event, { message: statusMessage(status), brokerOrderId: status.brokerOrderId }, 'broker');
  }
  const after = book.require(order.id);
  if (isFinalStatus(after.status)) {
    book.resolveUnknown(order.id, ['modify', 'cancel'], `the order is ${after.status}`);
    dropModificationsOfFinalOrder(book, after);
  }
}

function recordUnmatched(book: OmsOrderBook, execution: BrokerExecution, reason: string): void {
  book.note('oms.unmatched-execution', { execution, reason, time: book.now() });
  book.publish('execution.unknown', { execution, reason });
}

function applyExecution(context: BrokerEventContext, execution: BrokerExecution): void {
  const { book } = context;
  const order = findOrder(book, execution.clientOrderRef, execution.brokerOrderId);
  if (order === undefined) return recordUnmatched(book, execution, `no order of ours has client order ref ${String(execution.clientOrderRef)} (broker order id ${execution.brokerOrderId})`);
  const existing = book.store.fills.get(execution.executionId);
  if (existing !== undefined) {
    // A replay (reconnect, reconciliation): the same execution again. Only a missing commission is news.
    if (existing.commission === ZERO_MONEY && execution.commission !== undefined && execution.commission > 0) bookCommission(book, existing.id, execution.commission);
    return;
  }
  let result;
  try {
    const fill = createFill({ ...execution, id: execution.executionId, orderId: order.id, clientOrderRef: order.clientOrderRef, commission: execution.commission ?? ZERO_MONEY });
    result = book.atomically(() => book.store.recordFill(fill));
  } catch (error) {
    if (error instanceof DomainValidationError || (error instanceof AppError && (error.code === 'validation' || error.code === 'conflict'))) {
      return recordUnmatched(book, execution, `execution cannot be recorded on order ${order.id}: ${errorText(error)}`);
    }
    throw error;
  }
  if (result.status === 'already-recorded') return;
  publishFill(book, order, result.orderUpdate, result.fill);
  book.resolveUnknown(order.id, ['place'], 'the broker reported an execution');
  if (isFinalStatus(result.order.status)) dropModificationsOfFinalOrder(book, result.order);
  const pending = context.pendingCommissions.get(result.fill.id);
  if (pending !== undefined) {
    context.pendingCommissions.delete(result.fill.id);
    bookCommission(book, result.fill.id, pending);
  }
}

function publishFill(book: OmsOrderBook, before: Order, update: OrderStatusResult, fill: Fill): void {
  const event: OrderEventType = lastEventOf(book, before) ?? 'PARTIAL_FILL';
  book.publishChange(update, before.status, event, 'execution');
  book.publish('fill.recorded', { fill, order: update.order });
  if (update.ok && update.changed && update.order.status === 'FILLED') book.publish('order.filled', { order: update.order });
}

/** The fill event the store recorded last for the order (FILL or PARTIAL_FILL, applied or refused). */
function lastEventOf(book: OmsOrderBook, order: Order): OrderEventType | undefined {
  const last = book.store.orderEvents.listByOrder(order.id).at(-1);
  return last === undefined || last.event === 'CREATED' ? undefined : last.event;
}

function applyCommission(context: BrokerEventContext, commission: BrokerCommission): void {
  const { book } = context;
  if (book.store.fills.get(commission.executionId) === undefined) {
    context.pendingCommissions.set(commission.executionId, commission.commission);
    return;
  }
  bookCommission(book, commission.executionId, commission.commission);
}

function bookCommission(book: OmsOrderBook, executionId: ExecutionId, amount: Money): void {
  try {
    const result = book.atomically(() => book.store.recordCommission(executionId, amount));
    if (result.status === 'recorded') book.publish('commission.recorded', { fill: result.fill });
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'conflict')) throw error;
    book.publish('oms.error', { message: errorText(error), code: error.code, orderId: undefined });
  }
}
