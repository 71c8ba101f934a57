// The ReconcilerOrderBook over the real OrderManagementSystem and its TradingStore, for the
// composition root and the tests. Everything goes through the OMS except three things it has no
// public method for (see README, "Gaps"): orders that are not final including CREATED ones (the
// store's list), the order history (the store's order events) and recordStatus — a status the
// reconciler decides, written through the store's transition table and published on the OMS's
// bus as the OMS would ('order.updated' / 'order.illegal-transition', source 'oms').
import type { ClientOrderRef, ExecutionId, OrderId } from '../../../../shared/domain/ids.ts';
import { isFinalStatus, type OrderEvent } from '../../../../shared/domain/order-status.ts';
import type { OrderManagementSystem } from '../../../execution/order-management-system.ts';
import { positionsFromFills } from '../../../persistence/journal/position-book.ts';
import type { TradingStore } from '../../../persistence/trading-store.ts';
import type { RecordedStatus, ReconcilerOrderBook } from './reconciler-ports.ts';

export function orderBookPort(oms: OrderManagementSystem, store: TradingStore): ReconcilerOrderBook {
  return {
    openOrders: () => store.orders.listAll().filter((order) => !isFinalStatus(order.status)),
    orderByClientOrderRef: (reference: ClientOrderRef) => oms.getOrderByClientOrderRef(reference),
    hasExecution: (executionId: ExecutionId) => store.fills.get(executionId) !== undefined,
    orderHistory: (orderId: OrderId) => store.orderEvents.listByOrder(orderId),
    bookPositions: () =>
      [...positionsFromFills(store.fills.listAll()).values()].filter((position) => position.quantity !== 0).map((position) => ({ contract: position.contract, quantity: position.quantity })),
    unknownOutcomes: () => oms.unknownOutcomes(),
    resolveUnknownOutcome: (orderId, operation, note) => oms.resolveUnknownOutcome(orderId, operation, note),
    unmatchedExecutions: () => oms.unmatchedExecutions(),
    applyBrokerEvent: (event) => oms.applyBrokerEvent(event),
    recordStatus: (orderId, event, details) => recordStatus(oms, store, orderId, event, details),
  };
}

function recordStatus(oms: OrderManagementSystem, store: TradingStore, orderId: OrderId, event: OrderEvent, details: { readonly message?: string; readonly brokerOrderId?: number }): RecordedStatus {
  const before = store.orders.get(orderId);
  const written: { message?: string; brokerOrderId?: number } = {};
  if (details.message !== undefined) written.message = details.message;
  if (details.brokerOrderId !== undefined) written.brokerOrderId = details.brokerOrderId;
  const result = store.recordOrderStatus(orderId, event, written);
  if (!result.ok) oms.bus.publish('order.illegal-transition', { order: result.order, event: event.type, error: result.error, source: 'oms' });
  else if (result.changed) oms.bus.publish('order.updated', { order: result.order, previousStatus: before?.status ?? result.order.status, event: event.type, source: 'oms' });
  return result;
}
