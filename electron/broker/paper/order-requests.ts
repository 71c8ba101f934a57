// Answers the requests in flight once their latency has passed: place (acknowledgement), modify
// (IB: the same order id resent with new values; refused changes leave the order as it was and
// are reported as a notice), cancel and cancel-all.
import type { BrokerOrderChanges, BrokerOrderRequest } from '../broker.ts';
import { fromDollars } from '../../../shared/domain/money.ts';
import { buyingPowerRejection } from './buying-power.ts';
import type { ExchangeContext } from './exchange-context.ts';
import { acknowledgeOrders } from './order-acceptance.ts';
import { evaluateOrder, MatchingPass } from './order-matching.ts';
import { cancelOrder, notice, REJECTED_CODE, reportStatus, touchOrder } from './order-reports.ts';
import { rejectionReason } from './order-validation.ts';
import { isLive, isTrailingType, type PaperOrder } from './paper-order.ts';
import type { PendingRequest } from './paper-records.ts';
import { priceGridOf } from './price-grid.ts';
import { trailingStopFor } from './stop-trigger.ts';

/** IB 104 "Can't modify a filled order" (used for any finished order); 10148 "… can not be cancelled, state: …". */
const cannotModifyCode = 104;
const cannotCancelCode = 10148;

const ibStateWords: Record<string, string> = { CANCELLED: 'Cancelled', FILLED: 'Filled', REJECTED: 'Rejected', INACTIVE: 'Inactive' };

export function processRequest(context: ExchangeContext, request: PendingRequest): void {
  switch (request.kind) {
    case 'place':
      return acknowledgeOrders(context, request.orderIds);
    case 'modify':
      return withOrder(context, request.orderId, (order) => modifyOrder(context, order, request.changes));
    case 'cancel':
      return withOrder(context, request.orderId, (order) => cancelRequested(context, order));
    case 'cancel-all':
      for (const order of context.book.live()) cancelOrder(context, order, 'Order Canceled - reason: global cancel');
      return;
  }
}

function withOrder(context: ExchangeContext, orderId: number, action: (order: PaperOrder) => void): void {
  const order = context.book.get(orderId);
  if (order !== undefined) action(order);
}

function cancelRequested(context: ExchangeContext, order: PaperOrder): void {
  if (isLive(order)) return cancelOrder(context, order, 'Order Canceled - reason: cancelled by request');
  const message = `OrderId ${order.brokerOrderId} that needs to be cancelled can not be cancelled, state: ${ibStateWords[order.state] ?? order.state}.`;
  notice(context, message, cannotCancelCode, order.request.clientOrderRef);
}

function merged(request: BrokerOrderRequest, changes: BrokerOrderChanges): BrokerOrderRequest {
  const next: Record<string, unknown> = { ...request };
  for (const [field, value] of Object.entries(changes)) if (value !== undefined) next[field] = value;
  return next as unknown as BrokerOrderRequest;
}

function modifyRejection(context: ExchangeContext, order: PaperOrder, next: BrokerOrderRequest): string | undefined {
  if (next.tif !== order.request.tif && next.tif !== 'DAY' && next.tif !== 'GTC') return `invalid order: the time in force can only change to DAY or GTC, got ${next.tif}`;
  const bracketChild = order.parentId !== undefined;
  const reason = rejectionReason(next, { market: context.market, now: context.now, expirationTime: context.expirationTime, bracketChild });
  if (reason !== undefined) return reason;
  if (next.quantity <= order.filledQuantity) return `invalid quantity: ${next.quantity} must exceed the ${order.filledQuantity} already filled`;
  return bracketChild ? undefined : buyingPowerRejection(context, next, next.quantity - order.filledQuantity);
}

function modifyOrder(context: ExchangeContext, order: PaperOrder, changes: BrokerOrderChanges): void {
  const ref = order.request.clientOrderRef;
  if (!isLive(order)) return notice(context, `Can't modify a finished order: ${ref} is ${order.state}`, cannotModifyCode, ref);
  const next = merged(order.request, changes);
  if (!order.acknowledged) {
    // Not answered yet: the change rides along and is checked with the acknowledgement.
    order.request = next;
    return touchOrder(context, order);
  }
  const reason = modifyRejection(context, order, next);
  if (reason !== undefined) return notice(context, `modify of ${ref} refused: ${reason}`, REJECTED_CODE, ref);
  const previous = order.request;
  order.request = next;
  applyChangedTerms(context, order, previous);
  reportStatus(context, order);
  evaluateOrder(context, new MatchingPass(), order);
}

/** Re-derives what depends on the changed fields: stop, trail, elected limit, expiry. */
function applyChangedTerms(context: ExchangeContext, order: PaperOrder, previous: BrokerOrderRequest): void {
  const next = order.request;
  if (next.stopPrice !== previous.stopPrice && next.stopPrice !== undefined && !order.elected) order.stopMicros = fromDollars(next.stopPrice);
  const trailChanged = next.trailingAmount !== previous.trailingAmount || next.trailingPercent !== previous.trailingPercent;
  if (isTrailingType(next.type) && trailChanged && order.trailReferenceMicros !== undefined && !order.elected) {
    const spec = { amountMicros: next.trailingAmount === undefined ? undefined : fromDollars(next.trailingAmount), percent: next.trailingPercent };
    order.stopMicros = trailingStopFor(next.action, spec, order.trailReferenceMicros, priceGridOf(next.instrument, context.market));
  }
  if (order.elected && next.type === 'STP_LMT' && next.limitPrice !== undefined) order.electedLimitMicros = fromDollars(next.limitPrice);
  if (order.elected && next.type === 'TRAIL_LIMIT' && order.stopMicros !== undefined) {
    const offset = fromDollars(next.limitOffset ?? 0);
    order.electedLimitMicros = next.action === 'BUY' ? order.stopMicros + offset : order.stopMicros - offset;
  }
  if (next.tif !== previous.tif) order.expiresAt = next.tif === 'DAY' ? context.market.sessionClose(context.now) : undefined;
}
