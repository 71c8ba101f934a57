// Orders whose outcome is in doubt: broker calls the OMS flagged as unknown (place, modify,
// cancel), and PENDING_SUBMIT orders without a broker id (the app stopped between saving
// SUBMIT_SENT and hearing the broker's answer, so nothing was flagged). They are listed before
// the steps run; afterwards every one the steps settled is reported, and flags still set on an
// order that is final or that the broker shows are cleared (journaled by the OMS).
import type { ClientOrderRef, OrderId } from '../../../../shared/domain/ids.ts';
import type { Order } from '../../../../shared/domain/order.ts';
import { isFinalStatus } from '../../../../shared/domain/order-status.ts';
import type { BrokerOperation } from '../../../execution/oms-types.ts';
import { mayBeInFlight, type ReconcileRun } from './reconcile-run.ts';

export interface OrderInDoubt {
  readonly orderId: OrderId;
  readonly clientOrderRef: ClientOrderRef;
  readonly operation: BrokerOperation;
  /** The OMS flagged it (else: PENDING_SUBMIT without a broker id, not flagged). */
  readonly flagged: boolean;
}

export function ordersInDoubt(run: ReconcileRun): OrderInDoubt[] {
  const flagged: OrderInDoubt[] = run.book.unknownOutcomes().map((outcome) => ({ orderId: outcome.orderId, clientOrderRef: outcome.clientOrderRef, operation: outcome.operation, flagged: true }));
  const unanswered = run.book
    .openOrders()
    .filter((order) => order.status === 'PENDING_SUBMIT' && order.brokerOrderId === undefined && !mayBeInFlight(run, order))
    .filter((order) => !flagged.some((doubt) => doubt.orderId === order.id && doubt.operation === 'place'))
    .map((order) => ({ orderId: order.id, clientOrderRef: order.clientOrderRef, operation: 'place' as const, flagged: false }));
  return [...flagged, ...unanswered];
}

/** Clears the flags the steps settled without a broker report, and reports every doubt settled. */
export function settleDoubts(run: ReconcileRun, doubts: readonly OrderInDoubt[]): void {
  for (const doubt of doubts) {
    const order = run.book.orderByClientOrderRef(doubt.clientOrderRef);
    if (order === undefined) continue;
    if (isFlagged(run, doubt)) clearFlag(run, doubt, order);
    const settled = doubt.flagged ? !isFlagged(run, doubt) : order.status !== 'PENDING_SUBMIT' || order.brokerOrderId !== undefined;
    if (!settled) continue;
    const found = run.view.knows(order.clientOrderRef);
    run.report.resolvedOrders.push({
      orderId: order.id,
      clientOrderRef: order.clientOrderRef,
      operation: doubt.operation,
      outcome: found ? 'found' : doubt.operation === 'place' ? 'not-sent' : 'settled',
      status: order.status,
      brokerOrderId: order.brokerOrderId ?? run.view.brokerOrderIdOf(order.clientOrderRef),
    });
  }
}

function clearFlag(run: ReconcileRun, doubt: OrderInDoubt, order: Order): void {
  const snapshot = run.view.snapshotOf(order.clientOrderRef);
  if (isFinalStatus(order.status)) run.book.resolveUnknownOutcome(order.id, doubt.operation, `the order is ${order.status} (reconciliation)`);
  else if (snapshot !== undefined) run.book.resolveUnknownOutcome(order.id, doubt.operation, `the broker shows the order ${snapshot.state}${termsNote(snapshot.request)} (reconciliation)`);
  // Otherwise it stays flagged: the order is still working and the broker does not show it (a refused mark).
}

function termsNote(request: { readonly limitPrice?: number | undefined; readonly stopPrice?: number | undefined }): string {
  const parts = [request.limitPrice === undefined ? '' : `limit ${request.limitPrice}`, request.stopPrice === undefined ? '' : `stop ${request.stopPrice}`].filter((part) => part !== '');
  return parts.length === 0 ? '' : ` with ${parts.join(', ')}`;
}

function isFlagged(run: ReconcileRun, doubt: OrderInDoubt): boolean {
  return run.book.unknownOutcomes().some((outcome) => outcome.orderId === doubt.orderId && outcome.operation === doubt.operation);
}
