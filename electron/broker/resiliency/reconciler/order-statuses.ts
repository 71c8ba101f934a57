// Steps: order statuses.
// - settleUnsentOrders: a CREATED order was saved but never sent (SUBMIT_SENT is saved before
//   the broker call, and saving → SUBMIT_SENT is synchronous), so the app stopped in between:
//   cancelled locally. (Should the broker know its ref after all, it is moved on to PENDING_SUBMIT
//   and the next steps adopt what the broker shows.)
// - adoptBrokerStatuses: each open order of ours takes the broker's state through the OMS's live
//   path and the transition table; a refusal is recorded once, never forced. A cancel whose
//   outcome was unknown (flagged, or pending from before the start) and that the broker does not
//   show (it still works the order) is undone.
//   Live orders that are not ours are reported.
// - markAbsentOrders: our working orders the broker no longer shows end INACTIVE (never sent:
//   no broker id, no execution) or CANCELLED ("the broker no longer knows this order": IB forgets
//   cancelled orders at the end of the session), after their executions were applied.
import type { BrokerOrderSnapshot, BrokerOrderState, BrokerOrderStatus } from '../../broker.ts';
import { instrumentKey } from '../../../../shared/domain/instrument.ts';
import type { Order } from '../../../../shared/domain/order.ts';
import type { OrderEvent, OrderEventType } from '../../../../shared/domain/order-status.ts';
import { orderEventForBrokerState } from '../../../execution/broker-status-map.ts';
import { isDryRunOrderId } from '../../../execution/order-ids.ts';
import { DRY_RUN_MESSAGE } from '../../../execution/order-submission.ts';
import { mayBeInFlight, ownOrder, type ReconcileRun } from './reconcile-run.ts';

const liveBrokerStates: ReadonlySet<BrokerOrderState> = new Set(['PENDING_SUBMIT', 'PRE_SUBMITTED', 'SUBMITTED', 'PENDING_CANCEL']);

export function settleUnsentOrders(run: ReconcileRun): void {
  for (const order of run.book.openOrders()) {
    if (order.status !== 'CREATED') continue;
    if (run.view.knows(order.clientOrderRef)) run.book.recordStatus(order.id, { type: 'SUBMIT_SENT' }, {});
    else mark(run, order, { type: 'CANCEL_REQUESTED' }, 'never sent: the app stopped between saving and sending it (reconciliation)');
  }
}

export function adoptBrokerStatuses(run: ReconcileRun): void {
  for (const snapshot of run.view.openOrders) {
    const order = ownOrder(run.book, snapshot.clientOrderRef);
    if (order === undefined) {
      if (liveBrokerStates.has(snapshot.state)) run.report.foreignOrders.push(foreignOrder(snapshot));
      continue;
    }
    undoUndeliveredCancel(run, order, snapshot);
    adoptStatus(run, current(run, order), snapshot);
  }
}

export function markAbsentOrders(run: ReconcileRun): void {
  for (const order of run.book.openOrders()) {
    if (order.status === 'CREATED' || run.view.snapshotOf(order.clientOrderRef) !== undefined) continue;
    if (mayBeInFlight(run, order)) {
      run.report.inFlightOrders.push({ orderId: order.id, clientOrderRef: order.clientOrderRef, since: order.updatedAt });
      continue;
    }
    const executed = run.view.executionsOf(order.clientOrderRef).length > 0;
    if (isDryRunOrderId(order.id)) mark(run, order, { type: 'INACTIVE' }, `${DRY_RUN_MESSAGE} (reconciliation)`);
    else if (order.status === 'PENDING_SUBMIT' && order.brokerOrderId === undefined && !executed) {
      mark(run, order, { type: 'INACTIVE' }, `not sent: the broker has no order or execution with client order ref ${order.clientOrderRef} (reconciliation)`);
    } else {
      const brokerOrderId = order.brokerOrderId === undefined ? run.view.brokerOrderIdOf(order.clientOrderRef) : undefined;
      mark(run, order, { type: 'CANCEL_CONFIRMED' }, 'the broker no longer knows this order (reconciliation)', brokerOrderId);
    }
  }
}

function current(run: ReconcileRun, order: Order): Order {
  return run.book.orderByClientOrderRef(order.clientOrderRef) ?? order;
}

/** Applies a status the reconciler decided; a refusal is recorded by the store and reported. */
function mark(run: ReconcileRun, order: Order, event: OrderEvent, reason: string, brokerOrderId?: number): void {
  const result = run.book.recordStatus(order.id, event, brokerOrderId === undefined ? { message: reason } : { message: reason, brokerOrderId });
  if (!result.ok) {
    run.report.refusedTransitions.push({ orderId: order.id, clientOrderRef: order.clientOrderRef, brokerState: undefined, event: event.type, status: order.status, error: result.error, alreadyRecorded: false });
  } else if (result.changed) {
    run.report.markedOrders.push({ orderId: order.id, clientOrderRef: order.clientOrderRef, from: order.status, to: result.order.status, reason });
  }
}

/**
 * A PENDING_CANCEL order the broker still works: its cancel is undone (back to the working status,
 * so it can be cancelled again) when the cancel's outcome is unknown: flagged by the OMS, or, on
 * the first run of a process, any pending cancel (the previous process saved CANCEL_REQUESTED and
 * stopped before or while sending it; PENDING_CANCEL refuses a new cancel, so the order would stay
 * working at the broker for good). A cancel still queued at the broker then confirms as usual.
 */
function undoUndeliveredCancel(run: ReconcileRun, order: Order, snapshot: BrokerOrderSnapshot): void {
  const flagged = run.book.unknownOutcomes().some((outcome) => outcome.orderId === order.id && outcome.operation === 'cancel');
  if (!(flagged || run.trigger === 'start') || order.status !== 'PENDING_CANCEL' || (snapshot.state !== 'SUBMITTED' && snapshot.state !== 'PRE_SUBMITTED')) return;
  const reason = flagged
    ? `the cancel did not reach the broker: it still works the order as ${snapshot.state} (reconciliation)`
    : `the cancel was not confirmed before the app stopped: the broker still works the order as ${snapshot.state} (reconciliation)`;
  mark(run, order, { type: 'CANCEL_REJECTED', filledQuantity: order.filledQuantity }, reason);
  if (flagged) run.book.resolveUnknownOutcome(order.id, 'cancel', reason);
}

function adoptStatus(run: ReconcileRun, order: Order, snapshot: BrokerOrderSnapshot): void {
  const { book, report } = run;
  const status = statusOf(snapshot, order, run.now);
  const event = orderEventForBrokerState(snapshot.state);
  if (event === undefined) {
    // FILLED is not a status change (fills come from executions): only the broker id is news.
    if (order.brokerOrderId === undefined) book.applyBrokerEvent({ type: 'order-status', status });
    return;
  }
  const earlier = earlierRefusal(run, order, event.type);
  if (earlier !== undefined) {
    report.refusedTransitions.push({ orderId: order.id, clientOrderRef: order.clientOrderRef, brokerState: snapshot.state, event: event.type, status: order.status, error: earlier, alreadyRecorded: true });
    return;
  }
  const historyLength = book.orderHistory(order.id).length;
  book.applyBrokerEvent({ type: 'order-status', status });
  const after = current(run, order);
  const refusal = book.orderHistory(order.id).slice(historyLength).find((line) => line.outcome === 'refused');
  if (refusal !== undefined) {
    report.refusedTransitions.push({ orderId: order.id, clientOrderRef: order.clientOrderRef, brokerState: snapshot.state, event: event.type, status: order.status, error: refusal.error ?? 'refused', alreadyRecorded: false });
  } else if (after.status !== order.status) {
    report.adoptedStatuses.push({ orderId: order.id, clientOrderRef: order.clientOrderRef, brokerState: snapshot.state, from: order.status, to: after.status });
  }
}

/**
 * The error of an earlier refusal of the same event in the same status: the transition table is
 * deterministic, so applying it again would only record the same refusal again (a second run
 * must change nothing).
 */
function earlierRefusal(run: ReconcileRun, order: Order, event: OrderEventType): string | undefined {
  const refusal = run.book.orderHistory(order.id).findLast((line) => line.outcome === 'refused' && line.event === event && line.fromStatus === order.status);
  return refusal === undefined ? undefined : (refusal.error ?? 'refused');
}

function statusOf(snapshot: BrokerOrderSnapshot, order: Order, now: number): BrokerOrderStatus {
  return {
    clientOrderRef: order.clientOrderRef,
    brokerOrderId: snapshot.brokerOrderId,
    state: snapshot.state,
    filledQuantity: snapshot.filledQuantity,
    remainingQuantity: snapshot.remainingQuantity,
    averageFillPrice: snapshot.averageFillPrice,
    reason: `the broker's open orders show it ${snapshot.state} (reconciliation)`,
    code: undefined,
    time: now,
  };
}

function foreignOrder(snapshot: BrokerOrderSnapshot): { rawOrderRef: string | undefined; brokerOrderId: number; state: BrokerOrderState; description: string } {
  const { request } = snapshot;
  const description = `${request.action} ${request.quantity} ${instrumentKey(request.instrument)} ${request.type} ${request.tif}`;
  return { rawOrderRef: snapshot.rawOrderRef ?? snapshot.clientOrderRef, brokerOrderId: snapshot.brokerOrderId, state: snapshot.state, description };
}
