// Every order state change goes through here, so each one is recorded for the store and
// reported as an order-status event (the broker port's vocabulary, IB words one to one).
import type { BrokerOrderState } from '../broker.ts';
import type { ClientOrderRef } from '../../../shared/domain/ids.ts';
import type { ExchangeContext } from './exchange-context.ts';
import { isLive, toStatus, workingState, type PaperOrder } from './paper-order.ts';

/** IB's codes: 201 order rejected, 202 order cancelled. */
export const REJECTED_CODE = 201;
export const CANCELLED_CODE = 202;

/** Records that `order` changed (persisted with the operation) without reporting it. */
export function touchOrder(context: ExchangeContext, order: PaperOrder): void {
  order.updatedAt = context.now;
  context.changes.orders.add(order);
}

export function reportStatus(context: ExchangeContext, order: PaperOrder): void {
  touchOrder(context, order);
  context.changes.events.push({ type: 'order-status', status: toStatus(order, context.now) });
}

/** Moves a live order to the state it should show now (held / working), reporting a change. */
export function refreshState(context: ExchangeContext, order: PaperOrder): void {
  if (!isLive(order)) return;
  const state = workingState(order, context.market.isRegularHours(context.now));
  if (state === order.state) return;
  order.state = state;
  reportStatus(context, order);
}

/**
 * Ends a live order (FILLED, CANCELLED, REJECTED, INACTIVE). A bracket parent that ends any
 * other way than FILLED takes its children with it, as IB cancels them.
 */
export function finishOrder(context: ExchangeContext, order: PaperOrder, state: BrokerOrderState, reason?: string, code?: number): void {
  if (!isLive(order)) return;
  order.state = state;
  order.reason = reason;
  order.code = code;
  reportStatus(context, order);
  context.book.retire(order);
  if (state === 'FILLED') return;
  for (const child of context.book.children(order)) {
    finishOrder(context, child, 'CANCELLED', `parent order ${order.request.clientOrderRef} was ${state.toLowerCase()}`, CANCELLED_CODE);
  }
}

export function rejectOrder(context: ExchangeContext, order: PaperOrder, reason: string): void {
  context.logger.info('paper order rejected', { brokerOrderId: order.brokerOrderId, clientOrderRef: order.request.clientOrderRef, reason });
  finishOrder(context, order, 'REJECTED', reason, REJECTED_CODE);
}

export function cancelOrder(context: ExchangeContext, order: PaperOrder, reason: string): void {
  finishOrder(context, order, 'CANCELLED', reason, CANCELLED_CODE);
}

/** A warning or information (IB 399, 104, 10148, …), never a status change by itself. */
export function notice(context: ExchangeContext, message: string, code: number | undefined, clientOrderRef: ClientOrderRef | undefined): void {
  context.changes.events.push({ type: 'notice', code, message, clientOrderRef });
}
