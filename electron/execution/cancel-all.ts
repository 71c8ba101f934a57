// Cancelling many orders. One by one (each its own broker cancel), or — for the kill switch —
// every order marked PENDING_CANCEL first and then ONE broker cancel-all (IB reqGlobalCancel,
// which also cancels orders placed outside the app). The gate's rate throttle counts messages:
// one per single cancel, one for the broker cancel-all.
import type { Order } from '../../shared/domain/order.ts';
import { callBroker } from './broker-call.ts';
import { cancelOrder, countCancel, settleCancel } from './order-requests.ts';
import type { SubmissionContext } from './order-submission.ts';
import type { CancelAllResult, RequestResult } from './oms-types.ts';

export interface CancelAllOptions {
  /** Use the broker's cancel-all (one message) instead of one cancel per order. */
  readonly viaBrokerCancelAll?: boolean;
  /** Only orders this keeps (e.g. one strategy's). */
  readonly filter?: (order: Order) => boolean;
}

export async function cancelAllOrders(context: SubmissionContext, targets: readonly Order[], options: CancelAllOptions): Promise<CancelAllResult> {
  if (options.viaBrokerCancelAll === true) return cancelViaBroker(context, targets);
  const results = await Promise.all(targets.map((order) => cancelOrder(context, order.id)));
  return summarize(targets, results);
}

async function cancelViaBroker(context: SubmissionContext, targets: readonly Order[]): Promise<CancelAllResult> {
  const { book } = context;
  const marked = book.atomically(() => targets.map((order) => book.status(order.id, { type: 'CANCEL_REQUESTED' }, {}, 'oms')));
  const pending = marked.filter((result) => result.ok && result.order.status === 'PENDING_CANCEL').map((result) => result.order);
  for (const order of pending) context.cancelsSent.add(order.id);
  countCancel(context, undefined);
  const outcome = await callBroker(context.clock, context.brokerCallTimeoutMs, () => context.broker.cancelAllOrders());
  const results = pending.map((order) => settleCancel(context, order, outcome));
  return summarize(pending, results);
}

function summarize(orders: readonly Order[], results: readonly RequestResult[]): CancelAllResult {
  const requested = results.flatMap((result, index) => (result.outcome === 'sent' || result.outcome === 'cancelled-locally' || result.outcome === 'already-requested' ? [(orders[index] as Order).id] : []));
  const failed = results.flatMap((result, index) => ('error' in result ? [{ orderId: (orders[index] as Order).id, outcome: result.outcome, error: result.error }] : []));
  return { requested, failed };
}
